// ConfigMap and Secret through the real pulumi CLI: every way a pod consumes them reads the right values
// inside the container; the Secret's values are in no state file, Docker label, other container's
// inspect output, or up's output; a change of the ConfigMap replaces the pod that names it, and only it.
import * as fs from "fs";
import {
  docker,
  exec,
  freeCidr,
  managedObjects,
  removeNetworkAndPods,
  requireDocker,
  uniqueName,
} from "../support/docker";
import { TestStack, testStack } from "../support/pulumi";
import { LABEL } from "../../provider/labels";

jest.setTimeout(600_000);

const PASSWORD = "pw-7d3e1a-never-in-plain";
const API_KEY = "key-c09b44-never-in-plain";
/** Each secret value as the user gives it and as base64, the form Kubernetes' data takes. */
const SECRET_FORMS = [PASSWORD, API_KEY].flatMap((s) => [s, Buffer.from(s).toString("base64")]);

describe("ConfigMap and Secret consumed by a pod", () => {
  const network = uniqueName("e2e-config");
  let t: TestStack;
  let ids: Record<string, string>;
  let upOutput = "";

  const envOf = async (id: string) =>
    Object.fromEntries(
      (await exec(id, ["env"]))
        .trim()
        .split("\n")
        .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
    );

  beforeAll(async () => {
    await requireDocker();
    t = await testStack("config", { network, cidr: await freeCidr() });
    await t.stack.setConfig("password", { value: PASSWORD, secret: true });
    await t.stack.setConfig("apiKey", { value: API_KEY, secret: true });
  });
  afterAll(async () => {
    await t?.dispose().catch(() => undefined);
    await removeNetworkAndPods(network);
  });

  it("1. up creates the ConfigMap and Secret before the pod, and the pod's env holds their values", async () => {
    const result = await t.stack.up({ onOutput: (o) => (upOutput += o) });
    expect(result.summary.resourceChanges).toMatchObject({ create: 6 });
    ids = result.outputs.appIds.value;
    const env = await envOf(ids.main);
    expect(env).toMatchObject({
      LOG_LEVEL: "debug",
      DB_PASSWORD: PASSWORD,
      POD_NAME: "app",
      POD_NAMESPACE: "default",
      POD_IP: result.outputs.appIP.value,
      CFG_LOG_LEVEL: "debug",
      "CFG_app.conf": "port=8080",
      password: PASSWORD,
      "api-key": API_KEY,
    });
    // An optional key that is missing leaves its variable out; binaryData is for files only, as in Kubernetes.
    expect(Object.keys(env)).not.toContain("NOT_THERE");
    expect(Object.keys(env)).not.toContain("CFG_blob.bin");
  });

  it("2. configMap and secret volumes hold the keys as read-only files, with items and modes", async () => {
    expect(await exec(ids.main, ["cat", "/etc/cfg/app.conf"])).toBe("port=8080\nmode=fast\n");
    expect(await exec(ids.main, ["cat", "/etc/cfg/LOG_LEVEL"])).toBe("debug");
    expect((await exec(ids.main, ["od", "-An", "-tx1", "/etc/cfg/blob.bin"])).trim()).toBe("00 ff 01 80");
    expect(await exec(ids.main, ["stat", "-c", "%a", "/etc/cfg/app.conf"])).toBe("644\n");
    expect(await exec(ids.main, ["cat", "/etc/sec/db/pw"])).toBe(PASSWORD);
    expect(await exec(ids.main, ["stat", "-c", "%a", "/etc/sec/db/pw"])).toBe("400\n");
    // Only the item asked for: the Secret's other key is not a file.
    expect(await exec(ids.main, ["find", "/etc/sec", "-type", "f"])).toBe("/etc/sec/db/pw\n");
    // The optional volume of a ConfigMap nobody declared is empty.
    expect(await exec(ids.main, ["ls", "-A", "/etc/opt"])).toBe("");
    await expect(exec(ids.main, ["sh", "-c", "echo x > /etc/cfg/app.conf"])).rejects.toThrow(/Read-only/i);
  });

  it("3. the Secret's values are in neither `pulumi stack export` nor the state file, only as ciphertext", async () => {
    const cli = t.spawnCli(["stack", "export"]);
    expect(await cli.exited).toBe(0);
    const exported = cli.output();
    const file = fs.readFileSync(t.stateFile(), "utf8");
    expect(exported).toContain("ciphertext");
    for (const form of SECRET_FORMS) {
      expect(exported).not.toContain(form);
      expect(file).not.toContain(form);
    }
    // Pulumi ordered the pod after both: its values come from their outputs.
    const pod = JSON.parse(file).checkpoint.latest.resources.find((r: { urn: string }) => r.urn.endsWith("Pod::app"));
    expect(pod.dependencies).toEqual(
      expect.arrayContaining([expect.stringMatching(/ConfigMap::settings$/), expect.stringMatching(/Secret::creds$/)]),
    );
  });

  it("4. they are in no up output, no Docker label, and no container's inspect output but the consumer's env", async () => {
    for (const form of SECRET_FORMS) expect(upOutput).not.toContain(form);
    const filters = { label: [`${LABEL.network}=${network}`] };
    const containers = await docker.listContainers({ all: true, filters });
    expect(containers.length).toBeGreaterThanOrEqual(4); // two sandboxes, two app containers
    for (const c of containers) {
      const info = await docker.getContainer(c.Id).inspect();
      // The consumer's own environment holds the values, as in Kubernetes; nothing else does.
      const shown = JSON.stringify(c.Id === ids.main ? { ...info, Config: { ...info.Config, Env: [] } } : info);
      for (const form of SECRET_FORMS) expect(shown).not.toContain(form);
    }
    const { Volumes: volumes } = await docker.listVolumes({ filters });
    const names = (volumes ?? []).map((v) => v.Name);
    expect(names.filter((n) => /_(cfg|sec|opt)$/.test(n))).toHaveLength(3);
    for (const form of SECRET_FORMS) expect(JSON.stringify(volumes)).not.toContain(form);
  });

  it("5. preview and refresh right after up report no changes, and the refreshed state keeps the secrets sealed", async () => {
    await t.stack.preview({ expectNoChanges: true });
    await t.stack.refresh({ expectNoChanges: true });
    const file = fs.readFileSync(t.stateFile(), "utf8");
    for (const form of SECRET_FORMS) expect(file).not.toContain(form);
  });

  it("6. a changed ConfigMap value replaces the pod that names it, with the new value; the other pod stays", async () => {
    const bystander = (await t.stack.outputs()).bystanderIds.value;
    await t.stack.setConfig("logLevel", { value: "warn" });
    const result = await t.stack.up();
    expect(result.summary.resourceChanges).toEqual({ update: 1, replace: 1, same: 4 });
    expect(result.outputs.bystanderIds.value).toEqual(bystander);
    const next = result.outputs.appIds.value;
    expect(next.main).not.toBe(ids.main);
    expect(await envOf(next.main)).toMatchObject({ LOG_LEVEL: "warn", CFG_LOG_LEVEL: "warn" });
    expect(await exec(next.main, ["cat", "/etc/cfg/LOG_LEVEL"])).toBe("warn");
  });

  it("7. a missing key preview cannot know fails up's check, naming pod, key and ConfigMap, before the pod exists", async () => {
    await t.stack.setConfig("withLateKey", { value: "true" });
    // The ConfigMap's data comes from another new resource's outputs: preview cannot know its keys, and passes.
    await t.stack.preview();
    const failure = await t.stack.up().then(
      () => undefined,
      (err: Error) => err,
    );
    expect(failure?.message).toMatch(
      /containers\[0\]\.env\[0\]\.valueFrom\.configMapKeyRef[^\n]*pod default\/late: ConfigMap default\/late has no key "NOPE" \(its keys: "KEY"\)/,
    );
    const filters = { label: [`${LABEL.network}=${network}`, `${LABEL.pod}=late`] };
    expect(await docker.listContainers({ all: true, filters })).toEqual([]);
    await t.stack.removeConfig("withLateKey");
  });

  it("8. destroy removes the pods' configMap and secret volumes with everything else", async () => {
    await t.stack.destroy();
    expect(await managedObjects(network)).toEqual({ containers: [], networks: [], volumes: [] });
  });
});
