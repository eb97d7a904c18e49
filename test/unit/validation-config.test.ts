// check for ConfigMap and Secret (Kubernetes' key rules, base64, size, never a secret value in a failure),
// check for a pod's references to them at preview (known values checked, unknown ones left to up), and
// the diffs: a source's values change in place, a consuming pod is replaced.
import { checkConfigMap, checkSecret, MAX_CONFIG_BYTES } from "../../provider/config/check";
import { configMapHandlers, secretHandlers } from "../../provider/config/handlers";
import { checkPod } from "../../provider/pod/check";
import { computePodActions } from "../../provider/pod/plan";
import { UNKNOWN } from "../../provider/check/failures";

const reasons = (r: { failures: Array<{ property: string; reason: string }> }) =>
  r.failures.map((f) => `${f.property}: ${f.reason}`);

describe("checkConfigMap", () => {
  it("accepts Kubernetes keys, defaults the namespace, and keeps data and binaryData", () => {
    const r = checkConfigMap({
      name: "app.settings",
      data: { "a-b_c.d": "x", ".hidden": "y" },
      binaryData: { b: "AP8=" },
    });
    expect(reasons(r)).toEqual([]);
    expect(r.inputs).toEqual({
      name: "app.settings",
      namespace: "default",
      data: { "a-b_c.d": "x", ".hidden": "y" },
      binaryData: { b: "AP8=" },
    });
  });

  it.each([
    ["a/b", `data: key "a/b" must consist of letters, digits, '-', '_' or '.'`],
    ["a b", `data: key "a b" must consist of letters, digits, '-', '_' or '.'`],
    [".", `data: key "." must not be '.' or '..', nor start with '..'`],
    ["..", `data: key ".." must not be '.' or '..', nor start with '..'`],
    ["..data", `data: key "..data" must not be '.' or '..', nor start with '..'`],
    ["", `data: key "" must be 1-253 characters`],
    ["k".repeat(254), `data: key "kkkkkkkkkkkkkkkkkkkk" must be 1-253 characters`],
  ])("refuses the key %j as Kubernetes does", (key, expected) => {
    expect(reasons(checkConfigMap({ name: "c", data: { [key]: "x" } }))).toEqual([expected]);
  });

  it("refuses a key in both data and binaryData, bad base64 in binaryData, a bad name, and more than 1 MiB", () => {
    expect(reasons(checkConfigMap({ name: "c", data: { k: "x" }, binaryData: { k: "AA==" } }))).toEqual([
      `binaryData["k"]: key "k" is also in data; a key may be in only one of them`,
    ]);
    expect(reasons(checkConfigMap({ name: "c", binaryData: { k: "A" } }))).toEqual([
      `binaryData["k"]: is not base64 (standard alphabet, padded with '=')`,
    ]);
    expect(reasons(checkConfigMap({ name: "Bad_Name" }))[0]).toMatch(/^name: "Bad_Name" must consist of lower-case/);
    expect(reasons(checkConfigMap({ name: "c", data: { k: "x".repeat(MAX_CONFIG_BYTES) } }))).toEqual([
      `data: holds ${MAX_CONFIG_BYTES + 1} bytes; at most ${MAX_CONFIG_BYTES} are allowed`,
    ]);
  });

  it("leaves values preview cannot know unchecked", () => {
    expect(reasons(checkConfigMap({ name: "c", data: UNKNOWN, binaryData: { k: UNKNOWN } }))).toEqual([]);
  });
});

describe("checkSecret", () => {
  const secret = "hunter2-never-shown";
  it("accepts base64 data and text stringData, type Opaque by default, and keeps the inputs as given", () => {
    const news = { name: "creds", data: { a: "aHVudGVyMg==" }, stringData: { b: secret } };
    const r = checkSecret(news);
    expect(reasons(r)).toEqual([]);
    // The same shape as the inputs: the engine marks the checked inputs secret where the inputs were.
    expect(r.inputs).toEqual({ ...news, namespace: "default", type: "Opaque" });
  });

  it("refuses data that is not base64, naming the key and never the value", () => {
    const r = reasons(checkSecret({ name: "creds", data: { password: secret } }));
    expect(r).toEqual([`data["password"]: is not base64 (standard alphabet, padded with '=')`]);
    expect(r.join()).not.toContain(secret);
  });

  it("refuses another type, and a bad key in stringData", () => {
    expect(reasons(checkSecret({ name: "s", type: "kubernetes.io/tls", stringData: { "a:b": "x" } }))).toEqual([
      `type: "kubernetes.io/tls" is not supported; only "Opaque" is`,
      `stringData: key "a:b" must consist of letters, digits, '-', '_' or '.'`,
    ]);
  });
});

describe("ConfigMap and Secret diffs", () => {
  it("change values in place and replace on a new name", async () => {
    const old = { name: "c", namespace: "default", data: { a: "1" } };
    expect(await configMapHandlers.diff("default/c", old, { ...old, data: { a: "2" } })).toEqual({
      changes: true,
      replaces: [],
    });
    expect(await configMapHandlers.diff("default/c", old, { ...old, name: "d" })).toEqual({
      changes: true,
      replaces: ["name"],
    });
    const s = { name: "s", namespace: "default", type: "Opaque", stringData: { a: "1" } };
    expect((await secretHandlers.diff("default/s", s, { ...s, stringData: { a: "2" } })).replaces).toEqual([]);
  });
});

describe("a pod's ConfigMap and Secret references at check", () => {
  const podWith = (extra: Record<string, unknown>, container: Record<string, unknown> = {}) => ({
    network: "net",
    name: "web",
    containers: [{ name: "c", image: "i", ...container }],
    ...extra,
  });
  const keyRef = (name: string, key: string) => ({
    env: [{ name: "A", valueFrom: { configMapKeyRef: { name, key } } }],
  });

  it("passes when the source holds the key", () => {
    const pod = podWith({ configMaps: { "default/settings": { data: { level: "x" } } } }, keyRef("settings", "level"));
    expect(reasons(checkPod(pod))).toEqual([]);
  });

  it("fails at preview on a known missing key, naming the pod, the key and the ConfigMap", () => {
    const pod = podWith({ configMaps: { "default/settings": { data: { level: "x" } } } }, keyRef("settings", "levle"));
    expect(reasons(checkPod(pod))).toEqual([
      `containers[0].env[0].valueFrom.configMapKeyRef: pod default/web: ConfigMap default/settings has no key "levle" (its keys: "level")`,
    ]);
  });

  it("still knows a key whose value preview cannot know", () => {
    const pod = podWith(
      { configMaps: { "default/settings": { data: { level: UNKNOWN } } } },
      keyRef("settings", "level"),
    );
    expect(reasons(checkPod(pod))).toEqual([]);
  });

  it("leaves sources preview cannot know to the check that up runs", () => {
    for (const configMaps of [UNKNOWN, { "default/settings": UNKNOWN }, { "default/settings": { data: UNKNOWN } }])
      expect(reasons(checkPod(podWith({ configMaps }, keyRef("settings", "nope"))))).toEqual([]);
  });

  it("checks volumes and init containers too, and reports malformed shapes before references", () => {
    const pod = podWith({
      volumes: [{ name: "v", secret: { secretName: "creds" } }],
      initContainers: [{ name: "i", image: "i", envFrom: [{ configMapRef: { name: "absent" } }] }],
    });
    expect(reasons(checkPod(pod))).toEqual([
      "initContainers[0].envFrom[0].configMapRef: pod default/web: ConfigMap default/absent is not declared in this program (declare it, or set optional: true)",
      "volumes[0].secret: pod default/web: Secret default/creds is not declared in this program (declare it, or set optional: true)",
    ]);
    const malformed = podWith({}, { envFrom: [{ configMapRef: { name: "absent" }, prefix: "1X" }] });
    expect(reasons(checkPod(malformed))).toEqual([
      `containers[0].envFrom[0].prefix: "1X" is not a valid environment variable name (letters, digits, '_', '-', '.', not starting with a digit)`,
    ]);
  });

  it("refuses valueFrom with value, two sources, or an unknown source", () => {
    const env = [
      { name: "A", value: "x", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
      { name: "B", valueFrom: { fieldRef: { fieldPath: "metadata.name" }, resourceFieldRef: { resource: "cpu" } } },
    ];
    expect(reasons(checkPod(podWith({}, { env })))).toEqual([
      "containers[0].env[0].valueFrom: give either value or valueFrom, not both",
      `containers[0].env[1].valueFrom["resourceFieldRef"]: is not supported; valueFrom takes one of configMapKeyRef, secretKeyRef, fieldRef`,
      "containers[0].env[1].valueFrom: must have exactly one of configMapKeyRef, secretKeyRef, fieldRef",
    ]);
  });

  it("refuses a bad defaultMode or item, and a volume with two sources", () => {
    const volumes = [
      { name: "a", configMap: { name: "c", defaultMode: 0o1777, items: [{ key: "k", path: "/abs" }] } },
      { name: "b", emptyDir: {}, secret: { secretName: "s" } },
    ];
    expect(reasons(checkPod(podWith({ volumes })))).toEqual([
      "volumes[0].configMap.defaultMode: 1023 must be a file mode from 0 to 0777 (511)",
      `volumes[0].configMap.items[0].path: "/abs" must be relative`,
      "volumes[1]: has emptyDir and secret; choose one",
    ]);
  });
});

describe("a pod's diff when its sources change", () => {
  const base = { network: "net", name: "web", namespace: "default", containers: [{ name: "c", image: "i" }] };
  it("replaces the pod when a ConfigMap's or Secret's values change, and not when they stay", () => {
    const olds = {
      ...base,
      configMaps: { "default/s": { data: { a: "1" } } },
      secrets: { "default/t": { binaryData: { p: "AA==" } } },
    };
    expect(computePodActions(olds, { ...olds }).changes).toBe(false);
    expect(computePodActions(olds, { ...olds, configMaps: { "default/s": { data: { a: "2" } } } }).replaces).toEqual([
      "configMaps",
    ]);
    expect(
      computePodActions(olds, { ...olds, secrets: { "default/t": { binaryData: { p: "AQ==" } } } }).replaces,
    ).toEqual(["secrets"]);
  });
});
