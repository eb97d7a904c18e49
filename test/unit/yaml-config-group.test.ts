// ConfigGroup and ConfigFile instantiate the manifests' resources, under Pulumi's mock runtime: names,
// parents, registration order, the source every child carries, lookups, and refusals before anything exists.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";

const registered: pulumi.runtime.MockResourceArgs[] = [];
pulumi.runtime.setMocks(
  {
    newResource: (args) => {
      registered.push(args);
      return { id: `${args.name}-id`, state: args.inputs };
    },
    call: () => ({}),
  },
  "project",
  "stack",
  true,
);

// Loaded after setMocks, as Pulumi's mock runtime requires.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const podling: typeof import("../../sdk") = require("../../sdk");

const NAMESPACE = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n";
const POD = `apiVersion: v1
kind: Pod
metadata: { name: web, namespace: shop, labels: { app: web } }
spec:
  containers: [{ name: app, image: podling/busybox:1 }]
`;
const SERVICE =
  "apiVersion: v1\nkind: Service\nmetadata: { name: web, namespace: shop }\nspec:\n  selector: { app: web }\n";

const urnOf = (r: pulumi.Resource) => new Promise<string>((resolve) => r.urn.apply(resolve));

describe("ConfigGroup and ConfigFile", () => {
  // A network per test: once a service has taken a network's list of pods, no pod may join it.
  let count = 0;
  let net: InstanceType<typeof podling.PodNetwork>;
  beforeEach(() => {
    count++;
    net = new podling.PodNetwork(`net${count}`, { name: `yaml-unit-${count}`, cidr: `10.249.${count}.0/24` });
  });

  it("declares each object once, Namespaces first, named <prefix>:<namespace>/<name>, as children of the group", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "podling-yaml-"));
    const file = path.join(dir, "web.yaml");
    fs.writeFileSync(file, `${SERVICE}---\n${POD}`);
    const group = new podling.yaml.ConfigGroup("apps", {
      network: net,
      files: [file],
      yaml: NAMESPACE,
      objs: [{ apiVersion: "v1", kind: "Namespace", metadata: { name: "other" } }],
    });
    const urns = await Promise.all(
      [...(await new Promise<pulumi.Resource[]>((r) => group.resources.apply(r)))].map(urnOf),
    );
    expect(urns.map((u) => u.split("::").slice(2).join("::"))).toEqual([
      "podling:yaml:ConfigGroup$pulumi-nodejs:dynamic/podling:Namespace::apps:shop",
      "podling:yaml:ConfigGroup$pulumi-nodejs:dynamic/podling:Namespace::apps:other",
      "podling:yaml:ConfigGroup$pulumi-nodejs:dynamic/podling:Service::apps:shop/web",
      "podling:yaml:ConfigGroup$pulumi-nodejs:dynamic/podling:Pod::apps:shop/web",
    ]);
    expect(group.getResource("Pod", "shop", "web")).toBeInstanceOf(podling.Pod);
    expect(group.getResource("Namespace", "other")).toBeInstanceOf(podling.Namespace);
    expect(() => group.getResource("Service", "shop", "api")).toThrow(/no Service shop\/api in these manifests/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("gives each child its source, for its check's failures", async () => {
    const group = new podling.yaml.ConfigGroup("src", {
      network: net,
      yaml: ["# nothing\n", POD.replace("name: web", "name: api")],
    });
    // The id resolves once the mock runtime has registered the pod.
    await new Promise((resolve) =>
      (group.getResource("Pod", "shop", "api") as pulumi.CustomResource).id.apply(resolve),
    );
    const pod = registered.find((r) => r.name === "src:shop/api")!;
    expect(pod.inputs.manifest).toEqual({
      document: "yaml[1] document 1",
      object: "Pod shop/api",
      fields: expect.objectContaining({ containers: "spec.containers", labels: "metadata.labels" }),
    });
    expect(pod.inputs.containers).toEqual([{ name: "app", image: "podling/busybox:1" }]);
  });

  it("refuses bad manifests before declaring anything, listing every problem", () => {
    const before = registered.length;
    const bad = `${POD.replace("name: web", "name: x")}  affinity: {}\n---\nkind: Ingress\n`;
    expect(() => new podling.yaml.ConfigGroup("bad", { network: net, yaml: bad })).toThrow(
      new pulumi.RunError(
        'ConfigGroup "bad": its manifests cannot be applied:\n' +
          "  yaml[0] document 1 (line 6): Pod shop/x: spec.affinity: is not a field Podling supports here, so it would be ignored; " +
          "remove it (fields here: containers, initContainers, volumes, restartPolicy, terminationGracePeriodSeconds, hostname, " +
          "subdomain, dnsConfig, dnsPolicy, nodeName, nodeSelector, tolerations)\n" +
          '  yaml[0] document 2 (line 8): Ingress: kind: "Ingress" is not a kind Podling runs; it runs Namespace, ConfigMap, ' +
          "Secret, Pod, Deployment, Service, NetworkPolicy",
      ),
    );
    expect(registered.length).toBe(before);
  });

  it("declares ConfigMaps, Secrets and Deployments as Podling's own, ConfigMaps and Secrets before the pods", async () => {
    const manifests = `apiVersion: v1
kind: ConfigMap
metadata: { name: settings, namespace: shop }
data: { greeting: hello }
---
apiVersion: v1
kind: Secret
metadata: { name: token, namespace: shop }
stringData: { token: s3cret }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: app
          image: podling/busybox:1
          envFrom: [{ configMapRef: { name: settings } }]
          env: [{ name: TOKEN, valueFrom: { secretKeyRef: { name: token, key: token } } }]
`;
    const group = new podling.yaml.ConfigGroup("kinds", { network: net, yaml: manifests });
    const urns = await Promise.all(
      [...(await new Promise<pulumi.Resource[]>((r) => group.resources.apply(r)))].map(urnOf),
    );
    expect(urns.map((u) => u.split("::").slice(2).join("::"))).toEqual([
      "podling:yaml:ConfigGroup$pulumi-nodejs:dynamic/podling:ConfigMap::kinds:shop/settings",
      "podling:yaml:ConfigGroup$pulumi-nodejs:dynamic/podling:Secret::kinds:shop/token",
      "podling:yaml:ConfigGroup$pulumi-nodejs:dynamic/podling:Deployment::kinds:shop/web",
    ]);
    expect(group.getResource("ConfigMap", "shop", "settings")).toBeInstanceOf(podling.ConfigMap);
    expect(group.getResource("Secret", "shop", "token")).toBeInstanceOf(podling.Secret);
    expect(group.getResource("Deployment", "shop", "web")).toBeInstanceOf(podling.Deployment);
  });

  it("ConfigFile names a file it cannot read", () => {
    expect(() => new podling.yaml.ConfigFile("missing", { network: net, file: "/nonexistent/app.yaml" })).toThrow(
      /ConfigFile "missing": cannot read \/nonexistent\/app\.yaml: ENOENT/,
    );
  });
});
