// What the SDK hands a pod of the ConfigMaps and Secrets it names (sdk/config-sources.ts): their values
// by namespace/name, the Secrets' kept secret and the ConfigMaps' not (even beside a secret env value),
// nothing at all for a pod that names none, and a refusal for a source declared after a pod looked for it.
import * as pulumi from "@pulumi/pulumi";
import { literalIdentity, podConfigSources, registerSource } from "../../sdk/config-sources";

/** An Output's value and secret-ness, through its internal promises (no engine runs here). */
async function settled<T>(o: pulumi.Output<T>): Promise<{ value: T; secret: boolean }> {
  const internal = o as unknown as { promise(): Promise<T>; isSecret: Promise<boolean> };
  return { value: await internal.promise(), secret: await internal.isSecret };
}

describe("podConfigSources", () => {
  registerSource("ConfigMap", { namespace: "shop", name: "settings" }, "settings", pulumi.output({ data: { a: "1" } }));
  registerSource("Secret", { namespace: "shop", name: "creds" }, "creds", pulumi.secret({ binaryData: { p: "cHc=" } }));

  it("gives each named source's values; the Secrets' as a secret, the ConfigMaps' in the open", async () => {
    const sources = podConfigSources({
      namespace: "shop",
      containers: [
        {
          name: "c",
          image: pulumi.output("img"),
          env: [
            { name: "T", value: pulumi.secret("token") },
            { name: "P", valueFrom: { secretKeyRef: { name: "creds", key: "p" } } },
          ],
          envFrom: [{ configMapRef: { name: "settings" } }],
        },
      ],
    });
    expect(await settled(sources.configMaps)).toEqual({
      value: { "shop/settings": { data: { a: "1" } } },
      secret: false,
    });
    expect(await settled(sources.secrets)).toEqual({
      value: { "shop/creds": { binaryData: { p: "cHc=" } } },
      secret: true,
    });
  });

  it("gives nothing to a pod that names no source, and leaves out sources of another namespace", async () => {
    const none = podConfigSources({
      containers: [{ name: "c", image: "i", envFrom: [{ configMapRef: { name: "settings" } }] }],
    });
    expect(await settled(none.configMaps)).toEqual({ value: undefined, secret: false });
    expect(await settled(none.secrets)).toEqual({ value: undefined, secret: false });
    const plain = podConfigSources({ containers: [{ name: "c", image: "i", env: [{ name: "A", value: "1" }] }] });
    expect(await settled(plain.configMaps)).toEqual({ value: undefined, secret: false });
  });

  it("refuses a source declared after a pod looked for it, and a second one of the same name", async () => {
    await settled(
      podConfigSources({ containers: [{ volumes: [] }], volumes: [{ name: "v", configMap: { name: "late" } }] })
        .configMaps,
    );
    expect(() =>
      registerSource("ConfigMap", { namespace: "default", name: "late" }, "late", pulumi.output({})),
    ).toThrow(/ConfigMap "late" was declared after a pod looked for ConfigMap default\/late/);
    expect(() =>
      registerSource("ConfigMap", { namespace: "shop", name: "settings" }, "again", pulumi.output({})),
    ).toThrow('ConfigMap "again": ConfigMap shop/settings is also declared by ConfigMap "settings" in this program');
  });

  it("wants plain names, so that pods find the source at preview", () => {
    expect(literalIdentity("Secret", "creds", {})).toEqual({ name: "creds", namespace: "default" });
    expect(() => literalIdentity("Secret", "creds", { name: pulumi.output("x") })).toThrow(
      'Secret "creds": name and namespace must be plain strings, so that pods can find it by name',
    );
  });
});
