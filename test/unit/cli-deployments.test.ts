// `podling get deployments` from pods alone: grouping by the sandbox's Deployment labels, the current
// template and desired replicas from the newest pod, kubectl's counts and columns, and the apps/v1 object.
import type { ContainerView, PodView } from "../../provider/cli/read/model";
import { deploymentsOf } from "../../provider/cli/read/deployments";
import type { DeploymentRecord } from "../../provider/cli/read/deployment-records";
import { deploymentRow } from "../../provider/cli/view/deployment-rows";
import { deploymentObject } from "../../provider/cli/view/objects";
import { containerView } from "../support/cli-views";

const NOW = Date.parse("2026-12-03T12:00:00Z");

const server = (over: Partial<ContainerView> = {}) => containerView({ name: "server", image: "web:2", ...over });

/** A pod of Deployment web made from template `hash` when the Deployment asked for `replicas`. */
const pod = (name: string, hash: string, created: string, over: Partial<PodView> = {}): PodView => ({
  namespace: "default",
  name,
  network: "net",
  node: "vm",
  created,
  sandboxId: name,
  sandboxState: "running",
  labels: { app: "web", "pod-template-hash": hash },
  deployment: { name: "web", templateHash: hash, replicas: 3, selector: "app=web" },
  initContainers: [],
  containers: [server()],
  ...over,
});

describe("deploymentsOf", () => {
  it("groups a Deployment's pods, takes template and replicas from the newest, and leaves plain pods out", () => {
    const old = pod("web-aaaaaaaaaa-x1", "aaaaaaaaaa", "2026-12-03T10:00:00Z", {
      containers: [server({ image: "web:1" })],
      deployment: { name: "web", templateHash: "aaaaaaaaaa", replicas: 2, selector: "app=web" },
    });
    const fresh = pod("web-bbbbbbbbbb-y1", "bbbbbbbbbb", "2026-12-03T11:50:00Z");
    const notReady = pod("web-bbbbbbbbbb-y2", "bbbbbbbbbb", "2026-12-03T11:55:00Z", {
      containers: [server({ ready: false })],
    });
    const plain = { ...pod("db", "", "2026-12-03T09:00:00Z"), deployment: undefined };
    const [web, ...others] = deploymentsOf([notReady, plain, old, fresh], []);
    expect(others).toEqual([]);
    expect(web).toMatchObject({
      name: "web",
      replicas: 3,
      templateHash: "bbbbbbbbbb",
      created: "2026-12-03T10:00:00Z",
      labels: { app: "web" },
    });
    // READY counts ready pods of any template; UP-TO-DATE those of the newest template.
    expect(deploymentRow(web, NOW, true)).toEqual(["web", "2/3", "2", "2", "120m", "server", "web:2", "app=web"]);
    expect(deploymentObject(web, NOW)).toMatchObject({
      apiVersion: "apps/v1",
      kind: "Deployment",
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: "web" } },
        template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "server", image: "web:2" }] } },
      },
      status: { replicas: 3, readyReplicas: 2, updatedReplicas: 2, availableReplicas: 2 },
    });
  });

  it("keeps Deployments of one name apart by namespace, and sorts them", () => {
    const a = pod("web-h-1", "h", "2026-12-03T11:00:00Z", { namespace: "shop" });
    const b = pod("web-h-2", "h", "2026-12-03T11:00:00Z");
    expect(deploymentsOf([a, b], []).map((d) => `${d.namespace}/${d.name} ${d.pods.length}`)).toEqual([
      "default/web 1",
      "shop/web 1",
    ]);
  });

  it("says <unknown> where no pod's label gives the replicas or selector", () => {
    const bare = pod("web-h-1", "h", "2026-12-03T11:00:00Z", {
      labels: undefined,
      deployment: { name: "web", templateHash: "h" },
    });
    const [web] = deploymentsOf([bare], []);
    expect(deploymentRow(web, NOW, true)).toEqual([
      "web",
      "1/<unknown>",
      "1",
      "1",
      "60m",
      "server",
      "web:2",
      "<unknown>",
    ]);
    expect(web.labels).toBeUndefined();
  });

  it("takes the template's containers from a pod that has them: the newest may have its sandbox only", () => {
    const running = pod("web-h-1", "h", "2026-12-03T11:00:00Z");
    const starting = pod("web-h-2", "h", "2026-12-03T11:59:00Z", { containers: [] });
    const [web] = deploymentsOf([running, starting], []);
    expect(deploymentRow(web, NOW, true).slice(5)).toEqual(["server", "web:2", "app=web"]);
    const [bare] = deploymentsOf([starting], []);
    expect(deploymentRow(bare, NOW, true).slice(5)).toEqual(["<unknown>", "<unknown>", "app=web"]);
  });

  it("a pod whose sandbox is down is not ready", () => {
    const [web] = deploymentsOf([pod("web-h-1", "h", "2026-12-03T11:00:00Z", { sandboxState: "exited" })], []);
    expect(deploymentRow(web, NOW, false)).toEqual(["web", "0/3", "1", "0", "60m"]);
  });
});

describe("deploymentsOf with the node agent's records", () => {
  const record = (over: Partial<DeploymentRecord> = {}): DeploymentRecord => ({
    version: 1,
    kind: "deployment",
    network: "net",
    namespace: "default",
    name: "web",
    replicas: 2,
    templateHash: "bbbbbbbbbb",
    selector: "app=web",
    created: "2026-12-03T09:00:00Z",
    ...over,
  });

  it("takes desired replicas, template, selector and age from the record: a scale-down made no new pod", () => {
    // The pods were made when 3 were desired; the record says 2 now.
    const pods = ["y1", "y2"].map((s) => pod(`web-bbbbbbbbbb-${s}`, "bbbbbbbbbb", "2026-12-03T11:50:00Z"));
    const [web] = deploymentsOf(pods, [record()]);
    expect(web).toMatchObject({ replicas: 2, created: "2026-12-03T09:00:00Z", labels: { app: "web" } });
    expect(deploymentRow(web, NOW, true)).toEqual(["web", "2/2", "2", "2", "3h", "server", "web:2", "app=web"]);
  });

  it("counts a pod AVAILABLE once it has been ready for the record's minReadySeconds, by its last container", () => {
    const since = (iso: string) => server({ readySince: iso });
    const long = pod("web-bbbbbbbbbb-y1", "bbbbbbbbbb", "2026-12-03T11:00:00Z", {
      containers: [since("2026-12-03T11:58:00Z"), { ...since("2026-12-03T11:59:00Z"), name: "sidecar", id: "c2" }],
    });
    const fresh = pod("web-bbbbbbbbbb-y2", "bbbbbbbbbb", "2026-12-03T11:00:00Z", {
      containers: [since("2026-12-03T11:59:50Z")],
    });
    const [web] = deploymentsOf([long, fresh], [record({ minReadySeconds: 30 })]);
    // long's sidecar became ready 60 s ago; fresh 10 s ago: ready, not yet available.
    expect(deploymentRow(web, NOW, false)).toEqual(["web", "2/2", "2", "1", "3h"]);
    expect(deploymentObject(web, NOW)).toMatchObject({
      spec: { minReadySeconds: 30 },
      status: { readyReplicas: 2, availableReplicas: 1 },
    });
    // A podling-init too old to report readySince: the pod counts as available when ready, as before.
    const [old] = deploymentsOf(
      [pod("web-bbbbbbbbbb-y3", "bbbbbbbbbb", "2026-12-03T11:00:00Z")],
      [record({ minReadySeconds: 30 })],
    );
    expect(deploymentRow(old, NOW, false)[3]).toBe("1");
  });

  it("lists a Deployment scaled to zero, which has no pod to show it", () => {
    const [web] = deploymentsOf([], [record({ replicas: 0 })]);
    expect(deploymentRow(web, NOW, false)).toEqual(["web", "0/0", "0", "0", "3h"]);
  });

  it("keeps a record of one network apart from a same-named Deployment of another", () => {
    const other = pod("web-cccccccccc-z1", "cccccccccc", "2026-12-03T11:00:00Z", { network: "net2" });
    const listed = deploymentsOf([other], [record()]);
    expect(listed.map((d) => [d.network, d.replicas, d.pods.length])).toEqual([
      ["net", 2, 0],
      ["net2", 3, 1],
    ]);
  });
});
