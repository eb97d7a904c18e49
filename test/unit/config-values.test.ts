// What a container takes from ConfigMaps and Secrets (core/config-values.ts), as the kubelet computes it:
// envFrom then env, a later name winning; optional sources and keys; fieldRef; files with items and
// modes; and every problem naming the pod, the source and the key, never a value.
import { containerEnv, lookupIn, namesReferenced, PodFields, volumeFiles } from "../../core/config-values";
import type { Container, PodSpec } from "../../core/types";

const b64 = (s: string) => Buffer.from(s).toString("base64");
const SECRET_VALUE = "s3cret-value-9f1";
const pod: Pick<PodSpec, "namespace" | "configMaps" | "secrets"> = {
  namespace: "shop",
  configMaps: {
    "shop/settings": { data: { LOG_LEVEL: "debug", "app.conf": "a=1\n" }, binaryData: { "blob.bin": "AP8=" } },
  },
  secrets: { "shop/creds": { binaryData: { password: b64(SECRET_VALUE), nul: b64("a\0b") } } },
};
const fields: PodFields = { name: "web", namespace: "shop", podIP: "10.244.0.7" };
const lookup = lookupIn(pod);
const envOf = (c: Partial<Container>) => containerEnv({ name: "c", image: "i", ...c }, lookup, fields);
const ref = (kind: "configMapKeyRef" | "secretKeyRef", name: string, key: string, optional?: boolean) => ({
  valueFrom: { [kind]: { name, key, optional } },
});

describe("containerEnv", () => {
  it("takes keys, fields and plain values, in declared order", () => {
    const { variables, problems } = envOf({
      env: [
        { name: "LEVEL", ...ref("configMapKeyRef", "settings", "LOG_LEVEL") },
        { name: "PW", ...ref("secretKeyRef", "creds", "password") },
        { name: "NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
        { name: "NS", valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } } },
        { name: "IP", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } },
        { name: "PLAIN", value: "x" },
      ],
    });
    expect(problems).toEqual([]);
    expect(variables).toEqual([
      ["LEVEL", "debug"],
      ["PW", SECRET_VALUE],
      ["NAME", "web"],
      ["NS", "shop"],
      ["IP", "10.244.0.7"],
      ["PLAIN", "x"],
    ]);
  });

  it("puts envFrom first, with its prefix, and lets env win for the same name", () => {
    const { variables } = envOf({
      envFrom: [{ prefix: "CFG_", configMapRef: { name: "settings" } }],
      env: [{ name: "CFG_LOG_LEVEL", value: "override" }],
    });
    expect(variables).toEqual([
      ["CFG_LOG_LEVEL", "override"],
      ["CFG_app.conf", "a=1\n"],
    ]);
  });

  it("leaves a ConfigMap's binaryData out of env, as the kubelet does, and offers a Secret's every key", () => {
    expect(envOf({ env: [{ name: "B", ...ref("configMapKeyRef", "settings", "blob.bin") }] }).problems).toEqual([
      {
        at: "env[0].valueFrom.configMapKeyRef",
        reason: `pod shop/web: ConfigMap shop/settings has no key "blob.bin" (its keys: "LOG_LEVEL", "app.conf")`,
      },
    ]);
  });

  it("leaves out an optional key or source that is missing, and adds nothing for an optional envFrom", () => {
    const { variables, problems } = envOf({
      envFrom: [{ secretRef: { name: "absent", optional: true } }],
      env: [
        { name: "A", ...ref("configMapKeyRef", "settings", "nope", true) },
        { name: "B", ...ref("secretKeyRef", "absent", "k", true) },
      ],
    });
    expect({ variables, problems }).toEqual({ variables: [], problems: [] });
  });

  it("names the pod, the source and the key of each missing one, and never a value", () => {
    const { problems } = envOf({
      envFrom: [{ configMapRef: { name: "absent" } }],
      env: [
        { name: "A", ...ref("secretKeyRef", "creds", "passwrd") },
        { name: "N", ...ref("secretKeyRef", "creds", "nul") },
      ],
    });
    expect(problems).toEqual([
      {
        at: "envFrom[0].configMapRef",
        reason:
          "pod shop/web: ConfigMap shop/absent is not declared in this program (declare it, or set optional: true)",
      },
      {
        at: "env[0].valueFrom.secretKeyRef",
        reason: `pod shop/web: Secret shop/creds has no key "passwrd" (its keys: "password", "nul")`,
      },
      {
        at: "env[1].valueFrom.secretKeyRef",
        reason: `pod shop/web: Secret shop/creds key "nul" holds a NUL byte, which no environment variable can (mount it as a file)`,
      },
    ]);
    expect(JSON.stringify(problems)).not.toContain(SECRET_VALUE);
  });

  it("refuses an envFrom key that is no variable name once prefixed", () => {
    const local = lookupIn({ namespace: "shop", configMaps: { "shop/c": { data: { "9lives": "x" } } } });
    const { problems } = containerEnv(
      { name: "c", image: "i", envFrom: [{ configMapRef: { name: "c" } }] },
      local,
      fields,
    );
    expect(problems.map((p) => p.reason)).toEqual([
      expect.stringMatching(
        /^pod shop\/web: ConfigMap shop\/c key "9lives" cannot be a variable: "9lives" is not a valid/,
      ),
    ]);
    // With a prefix that makes it one, it is taken.
    expect(
      containerEnv({ name: "c", image: "i", envFrom: [{ prefix: "X_", configMapRef: { name: "c" } }] }, local, fields)
        .variables,
    ).toEqual([["X_9lives", "x"]]);
  });

  it("leaves out values preview cannot know, and reports nothing about them", () => {
    const unknown = () => "unknown" as const;
    const result = containerEnv(
      { name: "c", image: "i", env: [{ name: "A", ...ref("secretKeyRef", "creds", "x") }] },
      unknown,
      { name: "web", namespace: "shop" },
    );
    expect(result).toEqual({ variables: [], problems: [] });
  });
});

describe("volumeFiles", () => {
  it("makes every key a file of its own name, binaryData decoded, with the default mode 0644", () => {
    const { files, problems } = volumeFiles({ configMap: { name: "settings" } }, lookup, fields);
    expect(problems).toEqual([]);
    expect(files).toEqual([
      { path: "LOG_LEVEL", content: Buffer.from("debug"), mode: 0o644 },
      { path: "app.conf", content: Buffer.from("a=1\n"), mode: 0o644 },
      { path: "blob.bin", content: Buffer.from([0, 255]), mode: 0o644 },
    ]);
  });

  it("with items, makes only those keys, at their paths, with their mode or defaultMode", () => {
    const { files } = volumeFiles(
      {
        secret: {
          secretName: "creds",
          defaultMode: 0o400,
          items: [
            { key: "password", path: "db/pw" },
            { key: "password", path: "copy", mode: 0o440 },
          ],
        },
      },
      lookup,
      fields,
    );
    expect(files).toEqual([
      { path: "db/pw", content: Buffer.from(SECRET_VALUE), mode: 0o400 },
      { path: "copy", content: Buffer.from(SECRET_VALUE), mode: 0o440 },
    ]);
  });

  it("is empty for an optional source that is missing; skips an optional item's missing key", () => {
    expect(volumeFiles({ configMap: { name: "absent", optional: true } }, lookup, fields)).toEqual({
      files: [],
      problems: [],
    });
    const items = [{ key: "nope", path: "n" }];
    expect(volumeFiles({ configMap: { name: "settings", items, optional: true } }, lookup, fields)).toEqual({
      files: [],
      problems: [],
    });
  });

  it("names the missing source, or the missing item key with where it was named", () => {
    expect(volumeFiles({ secret: { secretName: "absent" } }, lookup, fields).problems).toEqual([
      {
        at: "secret",
        reason: "pod shop/web: Secret shop/absent is not declared in this program (declare it, or set optional: true)",
      },
    ]);
    const items = [{ key: "nope", path: "n" }];
    expect(volumeFiles({ configMap: { name: "settings", items } }, lookup, fields).problems).toEqual([
      {
        at: "configMap.items[0].key",
        reason: `pod shop/web: ConfigMap shop/settings has no key "nope" (its keys: "LOG_LEVEL", "app.conf", "blob.bin")`,
      },
    ]);
  });
});

describe("namesReferenced", () => {
  it("collects each ConfigMap and Secret a pod names once, from env, envFrom and volumes", () => {
    const c = (name: string) => ({
      name,
      image: "i",
      envFrom: [{ configMapRef: { name: "a" } }, { secretRef: { name: "s" } }],
      env: [
        { name: "X", ...ref("configMapKeyRef", "b", "k") },
        { name: "Y", value: "v" },
      ],
    });
    expect(
      namesReferenced({
        initContainers: [c("init")],
        containers: [c("app")],
        volumes: [
          { name: "v", configMap: { name: "c" } },
          { name: "w", secret: { secretName: "t" } },
        ],
      }),
    ).toEqual({ ConfigMap: ["a", "b", "c"], Secret: ["s", "t"] });
  });

  it("names nothing from what is malformed (check reports that)", () => {
    expect(namesReferenced({ containers: [null, { envFrom: "x", env: { A: "1" } }], volumes: 3 })).toEqual({
      ConfigMap: [],
      Secret: [],
    });
  });
});
