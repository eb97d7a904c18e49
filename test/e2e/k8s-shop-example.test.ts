// examples/k8s-shop through the real pulumi CLI: plain Kubernetes YAML (two Deployments behind Services, a
// ConfigMap, a Secret, and a NetworkPolicy over the backend's Deployment pods) applied unchanged. The
// frontend reaches the backend by service name; another pod of the namespace is refused, by name and by
// pod IP; and a template change rolls the backend out while a frontend pod calls it without pause, with
// the policy holding for the new pods from their first packet.
import * as fs from "fs";
import * as path from "path";
import { appContainerName } from "../../provider/names";
import { exec, freeCidr, managedObjects, removeNetworkAndPods, requireDocker, uniqueName } from "../support/docker";
import { TestStack, testStack } from "../support/pulumi";

jest.setTimeout(900_000);

interface ShopPod {
  name: string;
  ip: string;
  hash: string;
  ready: boolean;
}

const SHOP_YAML = path.join(__dirname, "../../examples/k8s-shop/k8s/shop.yaml");

const intruder = `apiVersion: v1
kind: Pod
metadata:
  name: intruder
  namespace: shop
  labels:
    app: intruder
spec:
  terminationGracePeriodSeconds: 1
  containers:
    - name: sh
      image: podling/busybox:1
      imagePullPolicy: Never
      command: ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"]
`;

describe("examples/k8s-shop", () => {
  const network = uniqueName("e2e-shop");
  let t: TestStack;
  let dir: string;
  const container = (pod: string, name: string) => appContainerName({ network, namespace: "shop", pod }, name);
  /** A wget from the container: its answer, or busybox's error text. */
  const call = (from: string, url: string) =>
    exec(from, ["sh", "-c", `timeout 5 wget -qO- ${url} 2>&1; true`]).then((s) => s.trim());

  beforeAll(async () => {
    await requireDocker();
    t = await testStack("examples/k8s-shop", { network, cidr: await freeCidr(24) });
    dir = fs.mkdtempSync(path.join(t.backendDir, "shop-"));
    fs.writeFileSync(path.join(dir, "intruder.yaml"), intruder);
    await t.stack.setConfig("extraFiles", { value: JSON.stringify([path.join(dir, "intruder.yaml")]) });
  });
  afterAll(async () => {
    try {
      await t?.dispose();
    } finally {
      await removeNetworkAndPods(network);
    }
  });

  let frontend: string;
  let backends: ShopPod[];

  it("serves the backend to the frontend by name, and refuses another pod of the namespace", async () => {
    const { outputs } = await t.stack.up();
    const frontends = outputs.frontendPods.value as ShopPod[];
    backends = outputs.backendPods.value as ShopPod[];
    expect([frontends.length, backends.length]).toEqual([2, 2]);
    expect([...frontends, ...backends].every((p) => p.ready)).toBe(true);
    frontend = container(frontends[0].name, "web");
    // The greeting from the ConfigMap, the pod's own name from fieldRef, and the Secret's length only.
    expect(await call(frontend, "http://backend/")).toMatch(
      /^hello from the backend \(EUR\) from backend-[a-z0-9]+-[a-z0-9]{5}, token length 16$/,
    );
    const other = container("intruder", "sh");
    expect(await call(other, "http://backend/")).toMatch(/Connection refused/);
    for (const b of backends) expect(await call(other, `http://${b.ip}:8080/`)).toMatch(/Connection refused/);
    // The frontend is selected by no policy: anyone reaches it.
    expect(await call(other, "http://frontend/")).toBe("frontend");
  });

  it("rolls a backend template change out with no failed call from the frontend, the policy holding", async () => {
    const edited = path.join(dir, "shop.yaml");
    const text = fs.readFileSync(SHOP_YAML, "utf8");
    expect(text).toContain("        tier: api\n");
    fs.writeFileSync(edited, text.replace("        tier: api\n", "        tier: api-v2\n"));
    await t.stack.setConfig("file", { value: edited });

    const stop = "/tmp/stop-calls";
    const loop = `ok=0; fail=0; while [ ! -f ${stop} ]; do
      if timeout 5 wget -qO- http://backend/ >/dev/null 2>&1; then ok=$((ok+1)); else fail=$((fail+1)); fi
    done; echo "$ok $fail"`;
    const counts = exec(frontend, ["sh", "-c", loop]).then((out) => out.trim().split(" ").map(Number));
    await new Promise((r) => setTimeout(r, 2000)); // the loop is calling before the up starts
    const started = Date.now();
    const { outputs } = await t.stack.up();
    const seconds = (Date.now() - started) / 1000;
    await exec(frontend, ["touch", stop]);
    const [ok, failed] = await counts;
    const rolled = outputs.backendPods.value as ShopPod[];
    console.log(`backend rollout: up ${seconds.toFixed(1)} s; the frontend's calls: ${ok} answered, ${failed} failed`);

    expect(rolled).toHaveLength(2);
    expect(rolled.every((p) => p.ready && p.hash !== backends[0].hash)).toBe(true);
    expect(rolled.map((p) => p.name).filter((n) => backends.some((b) => b.name === n))).toEqual([]);
    expect(ok).toBeGreaterThan(0);
    expect(failed).toBe(0);
    const other = container("intruder", "sh");
    for (const b of rolled) expect(await call(other, `http://${b.ip}:8080/`)).toMatch(/Connection refused/);
    expect(await call(frontend, "http://backend/")).toMatch(/^hello from the backend/);
  });

  it("destroys everything it made", async () => {
    await t.stack.destroy();
    expect(await managedObjects(network)).toEqual({ containers: [], networks: [], volumes: [] });
  });
});
