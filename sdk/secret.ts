import * as pulumi from "@pulumi/pulumi";
import { literalIdentity, registerSource, valuesAfter } from "./config-sources";
import { PodlingResource } from "./podling-resource";

export interface SecretArgs {
  /** Default: the resource name. A plain string: pods name it. */
  name?: string;
  /** Default "default". A plain string: pods of this namespace name it. */
  namespace?: string;
  /** Only "Opaque" (the default). */
  type?: pulumi.Input<"Opaque">;
  /** Values as base64, as in Kubernetes. */
  data?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Values as text; for a key in both, stringData wins, as in Kubernetes. */
  stringData?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * Sensitive settings for pods, as Kubernetes' Secret, consumed as a ConfigMap is (`secretKeyRef`,
 * `envFrom.secretRef`, `secret` volumes). Its values are Pulumi secrets from the start, whether given as
 * secrets or not: encrypted in the state (its own and its pods'), shown as [secret] by preview and up,
 * and put in no Docker label. A consuming container's own environment and files hold them in plain text.
 *
 * @example
 * new podling.Secret("db", { stringData: { password: config.requireSecret("dbPassword") } });
 */
export class Secret extends PodlingResource {
  declare public readonly name: pulumi.Output<string>;
  declare public readonly namespace: pulumi.Output<string>;
  declare public readonly type: pulumi.Output<"Opaque">;
  declare public readonly data: pulumi.Output<Record<string, string> | undefined>;
  declare public readonly stringData: pulumi.Output<Record<string, string> | undefined>;

  constructor(name: string, args: SecretArgs = {}, opts?: pulumi.CustomResourceOptions) {
    const identity = literalIdentity("Secret", name, args);
    super(
      "Secret",
      name,
      {
        ...identity,
        type: args.type,
        data: args.data && pulumi.secret(args.data),
        stringData: args.stringData && pulumi.secret(args.stringData),
      },
      { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), "data", "stringData"] },
    );
    // What pods receive: every key as base64, stringData's winning.
    const declared = valuesAfter(this, { data: args.data, stringData: args.stringData });
    const values = declared.apply(({ data, stringData }) => ({
      binaryData: {
        ...data,
        ...Object.fromEntries(
          Object.entries(stringData ?? {}).map(([k, v]) => [k, Buffer.from(v, "utf8").toString("base64")]),
        ),
      },
    }));
    registerSource("Secret", identity, name, pulumi.secret(values));
  }
}
