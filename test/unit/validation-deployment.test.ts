// Deployment's check: its own fields and the template's pod spec (through the Pod's check), every
// failure named by its path, and the refusals that keep the user from losing a declaration silently.
import { checkDeployment } from "../../provider/deployment/check";

const valid = () => ({
  network: "net",
  namespace: "shop",
  name: "web",
  replicas: 3,
  selector: { matchLabels: { app: "web" } },
  template: {
    metadata: { labels: { app: "web" } },
    spec: { containers: [{ name: "server", image: "img:1" }] },
  },
});
const failuresOf = (over: Record<string, unknown>) =>
  checkDeployment({ ...valid(), ...over }).failures.map((f) => `${f.property}: ${f.reason}`);

describe("checkDeployment", () => {
  it("accepts a valid Deployment and fills in Kubernetes' defaults", () => {
    const { inputs, failures } = checkDeployment(valid());
    expect(failures).toEqual([]);
    expect(inputs.strategy).toEqual({
      type: "RollingUpdate",
      rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" },
    });
    expect([inputs.minReadySeconds, inputs.progressDeadlineSeconds]).toEqual([0, 600]);
    expect(inputs.template.spec).toMatchObject({ restartPolicy: "Always", terminationGracePeriodSeconds: 30 });
  });

  it("names template problems by their path in the Deployment", () => {
    const template = {
      metadata: { labels: { app: "web" } },
      spec: { containers: [{ name: "Bad", image: "img" }], hostname: "x" },
    };
    const failures = failuresOf({ template });
    expect(failures.some((f) => f.startsWith("template.spec.containers[0].name:"))).toBe(true);
    expect(failures).toContainEqual(expect.stringMatching(/^template\.spec\["hostname"\]: is not taken in a template/));
  });

  it("refuses a selector that does not match the template's labels", () => {
    expect(failuresOf({ selector: { matchLabels: { app: "api" } } })).toEqual([
      "selector: does not match template.metadata.labels; as in Kubernetes, the template's pods must match it",
    ]);
  });

  it("refuses a Cluster network, naming the field", () => {
    expect(failuresOf({ onCluster: true })).toEqual([
      "network: Deployment on a Cluster network is not supported yet; use Pods there",
    ]);
  });

  it("reports NetworkPolicies that would select its pods", () => {
    const conflict =
      "NetworkPolicy shop/x selects pods of Deployment shop/web: policies over Deployment pods are not supported yet";
    expect(failuresOf({ policyConflicts: [conflict] })).toEqual([`template.metadata.labels: ${conflict}`]);
  });

  it("refuses maxSurge and maxUnavailable both zero, bad percentages, and restartPolicy other than Always", () => {
    expect(failuresOf({ strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: "0%" } } })).toEqual([
      "strategy.rollingUpdate.maxUnavailable: may not be 0 when maxSurge is 0, as in Kubernetes: the rollout could never progress",
    ]);
    expect(failuresOf({ strategy: { rollingUpdate: { maxSurge: "150%" } } })[0]).toMatch(
      /^strategy\.rollingUpdate\.maxSurge:/,
    );
    const template = { ...valid().template, spec: { ...valid().template.spec, restartPolicy: "Never" } };
    expect(failuresOf({ template })[0]).toMatch(/^template\.spec\.restartPolicy:/);
  });

  it("refuses a name too long for its pods' names", () => {
    expect(failuresOf({ name: "a".repeat(47) })[0]).toMatch(/^name: .* at most 46 are allowed/);
  });
});
