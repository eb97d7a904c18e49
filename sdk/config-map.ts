import * as pulumi from "@pulumi/pulumi";
import { literalIdentity, registerSource, valuesAfter } from "./config-sources";
import { PodlingResource } from "./podling-resource";

export interface ConfigMapArgs {
  /** Default: the resource name. A plain string: pods name it. */
  name?: string;
  /** Default "default". A plain string: pods of this namespace name it. */
  namespace?: string;
  /** Text values; keys as Kubernetes allows them (letters, digits, '-', '_', '.'). */
  data?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Values as base64, for bytes that are not text. A key may be in data or binaryData, not both. */
  binaryData?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * Settings for pods, as Kubernetes' ConfigMap: pods of its namespace take its keys through env
 * (`valueFrom.configMapKeyRef`), `envFrom` and `configMap` volumes. Holds no Docker object; each pod
 * that names it receives its values, is created after it, and is replaced when they change.
 *
 * @example
 * new podling.ConfigMap("settings", { data: { LOG_LEVEL: "debug", "app.conf": "port=8080\n" } });
 */
export class ConfigMap extends PodlingResource {
  declare public readonly name: pulumi.Output<string>;
  declare public readonly namespace: pulumi.Output<string>;
  declare public readonly data: pulumi.Output<Record<string, string> | undefined>;
  declare public readonly binaryData: pulumi.Output<Record<string, string> | undefined>;

  constructor(name: string, args: ConfigMapArgs = {}, opts?: pulumi.CustomResourceOptions) {
    const identity = literalIdentity("ConfigMap", name, args);
    super("ConfigMap", name, { ...identity, data: args.data, binaryData: args.binaryData }, opts);
    registerSource("ConfigMap", identity, name, valuesAfter(this, { data: args.data, binaryData: args.binaryData }));
  }
}
