import { actionFor, changedPaths, diffByTable } from "../../provider/diff/field-table";
import { POD_INPUTS, POD_RULES } from "../../provider/pod/diff-table";
import { checkPod } from "../../provider/pod/check";
import { POD_NETWORK_INPUTS, POD_NETWORK_RULES } from "../../provider/pod-network/diff-table";
import { checkPodNetwork } from "../../provider/pod-network/check";

const pod = () =>
  checkPod({
    network: "net",
    name: "web",
    labels: { app: "web" },
    containers: [{ name: "server", image: "img:1", env: { A: "1" }, resources: { limits: { cpu: "500m" } } }],
  }).inputs as unknown as Record<string, any>;

describe("the pod field table", () => {
  it.each([
    ["containers[0].image", "replace"],
    ["containers[0].env.A", "replace"],
    ["containers[0].ports[0].hostPort", "replace"],
    ["network", "replace"],
    ["containers", "replace"], // a container added or removed
    ["containers[0].resources.limits.cpu", "update"],
    ["labels.app", "update"],
    ["annotations.note", "update"],
    ["terminationGracePeriodSeconds", "update"],
    ["restartPolicy", "update"],
    ["readyTimeoutSeconds", "update"],
    ["containers[0].readinessProbe.periodSeconds", "replace"],
    ["containers[0].volumeMounts[0].readOnly", "replace"],
    ["volumes[0].emptyDir.medium", "replace"],
    ["initContainers[0].image", "replace"],
    ["hostname", "replace"],
    ["dnsConfig.searches", "replace"],
  ])("%s -> %s", (path, action) => expect(actionFor(POD_RULES, path)).toBe(action));
});

describe("diffByTable", () => {
  it("finds no change between identical specs, stored outputs included", () => {
    const stored = { ...pod(), podIP: "10.0.0.2", status: "Running", __provider: "x" };
    expect(diffByTable(stored, pod(), POD_INPUTS, POD_RULES)).toEqual({
      changes: false,
      replaces: [],
      changed: [],
      steps: [],
    });
  });
  it("replaces on an env change and names the field", () => {
    const next = pod();
    next.containers[0].env.A = "2";
    expect(diffByTable(pod(), next, POD_INPUTS, POD_RULES)).toEqual({
      changes: true,
      replaces: ["containers"],
      changed: ["containers[0].env.A"],
      steps: [],
    });
  });
  it("updates limits and labels in place", () => {
    const next = pod();
    next.containers[0].resources.limits.cpu = "1";
    next.labels.tier = "front";
    expect(diffByTable(pod(), next, POD_INPUTS, POD_RULES)).toEqual({
      changes: true,
      replaces: [],
      changed: ["labels.tier", "containers[0].resources.limits.cpu"],
      steps: ["resources"],
    });
  });
  it("sees a new container as a change of the list", () => {
    const next = pod();
    next.containers.push({ name: "b", image: "img:1" });
    expect(changedPaths(pod().containers, next.containers, "containers")).toEqual(["containers"]);
  });
});

describe("the pod network field table", () => {
  const network = (fields: Record<string, unknown> = {}) =>
    checkPodNetwork({ name: "net", ...fields }).inputs as unknown as Record<string, unknown>;
  it.each([
    ["serviceNodePortRange", { serviceNodePortRange: "30000-30100" }],
    ["nodePortAddresses", { nodePortAddresses: ["127.0.0.1", "127.0.0.2"] }],
  ])("updates %s in place: the Docker network never sees it", (field, fields) => {
    expect(diffByTable(network(), network(fields), POD_NETWORK_INPUTS, POD_NETWORK_RULES)).toEqual({
      changes: true,
      replaces: [],
      changed: [expect.stringMatching(new RegExp(`^${field}`))],
      steps: [],
    });
  });
});
