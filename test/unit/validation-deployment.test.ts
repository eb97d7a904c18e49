// Deployment's check: its own fields and the template's pod spec (through the Pod's check), every
// failure named by its path, and the refusals that keep the user from losing a declaration silently.
import { checkDeployment } from "../../provider/deployment/check";
import { deploymentHandlers } from "../../provider/deployment/handlers";

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
      spec: { containers: [{ name: "Bad", image: "img" }], hostname: "x", subdomain: "y" },
    };
    const failures = failuresOf({ template });
    expect(failures.some((f) => f.startsWith("template.spec.containers[0].name:"))).toBe(true);
    expect(failures).toContainEqual(expect.stringMatching(/^template\.spec\["hostname"\]: is not taken in a template/));
    expect(failures).toContainEqual(
      expect.stringMatching(/^template\.spec\["subdomain"\]: is not taken in a template/),
    );
  });

  it("refuses a selector that does not match the template's labels", () => {
    expect(failuresOf({ selector: { matchLabels: { app: "api" } } })).toEqual([
      "selector: does not match template.metadata.labels; as in Kubernetes, the template's pods must match it",
    ]);
  });

  it("takes a Cluster network, but not where a NetworkPolicy selects or names its pods", () => {
    const clusterLayout = { cluster: "lab", cidr: "10.246.0.0/16", home: {}, nodes: [] };
    expect(failuresOf({ clusterLayout, selectingPolicies: [] })).toEqual([]);
    expect(checkDeployment({ ...valid(), clusterLayout }).inputs.clusterLayout).toEqual(clusterLayout);
    expect(failuresOf({ clusterLayout, selectingPolicies: ["shop/deny-all"] })).toEqual([
      'template.metadata.labels: NetworkPolicy "shop/deny-all" selects these pods or names them as peers, and on a Cluster policies are enforced for Pods alone; declare Pods there, or change the labels',
    ]);
    // Off a cluster the node agent enforces policies for Deployment pods as for Pods.
    expect(failuresOf({ selectingPolicies: ["shop/deny-all"] })).toEqual([]);
  });

  it("refuses nodeName in the template: the Deployment spreads its pods itself", () => {
    const template = valid().template;
    expect(failuresOf({ template: { ...template, spec: { ...template.spec, nodeName: "n1" } } })).toEqual([
      'template.spec["nodeName"]: is not taken in a template: on a Cluster, the Deployment spreads its pods over the nodes itself',
    ]);
  });

  it("looks the template's ConfigMaps up in the Deployment's namespace", () => {
    const container = {
      name: "server",
      image: "img:1",
      envFrom: [{ configMapRef: { name: "settings" } }],
    };
    const template = (configMaps: Record<string, unknown>) => ({
      metadata: { labels: { app: "web" } },
      spec: { containers: [container], configMaps },
    });
    expect(failuresOf({ template: template({ "shop/settings": { data: { A: "1" } } }) })).toEqual([]);
    expect(failuresOf({ template: template({ "default/settings": { data: { A: "1" } } }) })).toEqual([
      expect.stringMatching(/^template\.spec\.containers\[0\]\.envFrom\[0\]\.configMapRef: .*ConfigMap shop\/settings/),
    ]);
  });

  it("takes the policies that select its pods, which only order it after them", () => {
    expect(failuresOf({ selectingPolicies: ["shop/x"] })).toEqual([]);
    expect(failuresOf({ policyConflicts: ["shop/x"] })).toEqual(["policyConflicts: is not a Deployment field"]);
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

describe("Deployment diff", () => {
  const stored = () => {
    const spec = checkDeployment(valid()).inputs;
    const pods = [0, 1, 2].map((i) => ({ name: `web-h-${i}`, hash: "h", ready: true }));
    return { ...spec, templateHash: "h", pods } as unknown as Record<string, unknown>;
  };
  const diff = (news: Record<string, unknown>) =>
    deploymentHandlers.diff("id", stored(), checkDeployment({ ...valid(), ...news }).inputs as never);

  it("rolls a template change out in place: an update, not a replace", async () => {
    const template = { ...valid().template, spec: { containers: [{ name: "server", image: "img:2" }] } };
    expect(await diff({ template })).toMatchObject({ changes: true, replaces: [] });
  });

  it("scales in place, and replaces on a new selector or namespace", async () => {
    expect(await diff({ replicas: 5 })).toMatchObject({ changes: true, replaces: [] });
    expect((await diff({ namespace: "other" })).replaces).toEqual(["namespace"]);
    const selector = { matchLabels: { app: "web", tier: "x" } };
    const template = { ...valid().template, metadata: { labels: { app: "web", tier: "x" } } };
    expect((await diff({ selector, template })).replaces).toEqual(["selector"]);
  });

  it("has no change when settled, and converges again when a pod is gone or not ready", async () => {
    expect((await diff({})).changes).toBe(false);
    const olds = stored();
    (olds.pods as unknown[]).pop();
    expect((await deploymentHandlers.diff("id", olds, checkDeployment(valid()).inputs as never)).changes).toBe(true);
  });
});
