// Kubernetes YAML through the real pulumi CLI: bad manifests fail `pulumi preview` naming the document,
// object and field, and create nothing; a plain manifest file runs unchanged, with its Service reachable by
// name from the pod its NetworkPolicy allows and refused to the pod it does not.
import * as fs from "fs";
import * as path from "path";
import { execIn } from "../../provider/docker/containers";
import { docker, freeCidr, removeNetworkAndPods, requireDocker, uniqueName } from "../support/docker";
import { TestStack, testStack } from "../support/pulumi";

jest.setTimeout(600_000);

const pod = (name: string, extra = "") => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: shop
  labels:
    app: ${name}
spec:
  containers:
    - name: app
      image: podling/busybox:1
      imagePullPolicy: Never
${extra}`;

const service = `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector:
    app: web
  ports:
    - port: 80
`;

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: www
    spec:
      containers:
        - name: app
          image: podling/busybox:1
`;

describe("Kubernetes manifests that fail at preview", () => {
  const network = uniqueName("e2e-yaml-bad");
  let t: TestStack;
  let dir: string;
  beforeAll(async () => {
    await requireDocker();
    t = await testStack("manifests", { network, cidr: await freeCidr() });
    dir = fs.mkdtempSync(path.join(t.backendDir, "manifests-"));
  });
  afterAll(async () => {
    try {
      await t?.dispose();
    } finally {
      await removeNetworkAndPods(network);
    }
  });

  /** Previews the stack with `text` as its manifest file; returns the preview's error text. */
  async function previewFailure(file: string, text: string): Promise<string> {
    const at = path.join(dir, file);
    fs.writeFileSync(at, text);
    await t.stack.setConfig("file", { value: at });
    const error = await t.stack.preview().then(
      () => undefined,
      (err: Error) => err.message,
    );
    if (error === undefined) throw new Error(`preview of ${file} succeeded; it must fail`);
    return error;
  }

  it("an unknown kind: names the file, document, object and kind", async () => {
    const text = `${pod("web")}---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  namespace: shop\n`;
    expect(await previewFailure("kind.yaml", text)).toMatch(
      /kind\.yaml document 2 \(line 15\): Ingress shop\/web: kind: "Ingress" is not a kind Podling runs/,
    );
  });

  it("an unsupported field: names the document, line, object and field path", async () => {
    const text = `${pod("web")}      lifecycle:\n        preStop:\n          exec:\n            command: [sleep, "5"]\n`;
    expect(await previewFailure("field.yaml", text)).toMatch(
      /field\.yaml document 1 \(line 13\): Pod shop\/web: spec\.containers\[0\]\.lifecycle: is not a field Podling supports here, so it would be ignored/,
    );
  });

  it("a duplicate name: names both documents", async () => {
    const text = [pod("web"), service, pod("client"), service].join("---\n");
    expect(await previewFailure("dup.yaml", text)).toMatch(
      /dup\.yaml document 4 \(line \d+\): Service shop\/web: metadata\.name: Service shop\/web is already declared by [^\n]*dup\.yaml document 2/,
    );
  });

  it("a Deployment selector that does not match its own template: names the selector", async () => {
    expect(await previewFailure("selector.yaml", deployment)).toMatch(
      /selector\.yaml document 1 \(line 8\): Deployment shop\/web: spec\.selector: does not select the pods of its own template \(spec\.template\.metadata\.labels \{"app":"www"\}\)/,
    );
  });

  it("a bad value in an accepted field: the resource's own check names the document, object and manifest field", async () => {
    const text = `${pod("web")}      ports:\n        - containerPort: 70000\n`;
    expect(await previewFailure("value.yaml", text)).toMatch(
      /value\.yaml document 1: Pod shop\/web: spec\.containers\[0\]\.ports\[0\]\.containerPort: [^\n]*65535/,
    );
  });

  it("created nothing: no network, no container", async () => {
    expect(await docker.listNetworks({ filters: { name: [network] } })).toEqual([]);
    expect(await docker.listContainers({ all: true, filters: { label: [`podling.io/network=${network}`] } })).toEqual(
      [],
    );
  });
});

describe("a plain Kubernetes YAML file applied with ConfigFile", () => {
  const network = uniqueName("e2e-yaml");
  let t: TestStack;
  beforeAll(async () => {
    await requireDocker();
    t = await testStack("manifests", { network, cidr: await freeCidr() });
  });
  afterAll(async () => {
    try {
      await t?.dispose();
    } finally {
      await removeNetworkAndPods(network);
    }
  });

  /** What `wget http://web/` gives from a pod's shell: the page, or the error. */
  async function callWeb(pod: string, containers: Record<string, Record<string, string>>) {
    const result = await execIn(containers[pod].shell, ["sh", "-c", "timeout 10 wget -qO- http://web/"]);
    return { ok: result.exitCode === 0, out: `${result.stdout}${result.stderr}` };
  }

  it("runs unchanged: the allowed pod reaches the service by name, the denied pod is refused until the policy goes; destroy removes it all", async () => {
    const up = await t.stack.up();
    const containers = up.outputs.containers.value as Record<string, Record<string, string>>;
    expect(Object.keys(containers).sort()).toEqual(["shop/client", "shop/stranger", "shop/web"]);
    const urns = (up.outputs.urns.value as string[]).map((u) => u.split("::").slice(2).join("::"));
    expect(urns).toEqual([
      "podling:yaml:ConfigFile$pulumi-nodejs:dynamic/podling:Namespace::app:shop",
      "podling:yaml:ConfigFile$pulumi-nodejs:dynamic/podling:Pod::app:shop/web",
      "podling:yaml:ConfigFile$pulumi-nodejs:dynamic/podling:Service::app:shop/web",
      "podling:yaml:ConfigFile$pulumi-nodejs:dynamic/podling:NetworkPolicy::app:shop/web-only-from-clients",
      "podling:yaml:ConfigFile$pulumi-nodejs:dynamic/podling:Pod::app:shop/client",
      "podling:yaml:ConfigFile$pulumi-nodejs:dynamic/podling:Pod::app:shop/stranger",
    ]);

    // Each pod is called five times: every answer counts.
    const client = await Promise.all([0, 1, 2, 3, 4].map(() => callWeb("shop/client", containers)));
    expect(client).toEqual(client.map(() => ({ ok: true, out: "web\n" })));
    const stranger = await Promise.all([0, 1, 2, 3, 4].map(() => callWeb("shop/stranger", containers)));
    for (const answer of stranger) {
      expect(answer.ok).toBe(false);
      // Refused by the policy (a TCP reset) after the name resolved, not a name or timeout failure.
      expect(answer.out).toMatch(/Connection refused/);
    }

    const preview = await t.stack.preview();
    expect(preview.changeSummary).toEqual({ same: expect.any(Number) });

    // The same file without its NetworkPolicy: the stranger gets through, so the policy was what refused it.
    const original = fs.readFileSync(path.join(__dirname, "programs", "manifests", "k8s", "web.yaml"), "utf8");
    const withoutPolicy = original
      .split(/^---$/m)
      .filter((doc) => !/^kind: NetworkPolicy$/m.test(doc))
      .join("---");
    expect(withoutPolicy).not.toEqual(original);
    const file = path.join(t.backendDir, "web-without-policy.yaml");
    fs.writeFileSync(file, withoutPolicy);
    await t.stack.setConfig("file", { value: file });
    const open = await t.stack.up();
    expect(open.summary.resourceChanges).toMatchObject({ delete: expect.any(Number) });
    const reopened = await Promise.all([0, 1, 2, 3, 4].map(() => callWeb("shop/stranger", containers)));
    expect(reopened).toEqual(reopened.map(() => ({ ok: true, out: "web\n" })));

    await t.stack.destroy();
    expect(await docker.listContainers({ all: true, filters: { label: [`podling.io/network=${network}`] } })).toEqual(
      [],
    );
    expect(await docker.listNetworks({ filters: { name: [network] } })).toEqual([]);
  });
});
