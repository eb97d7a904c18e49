// The ConfigMaps and Secrets a program declares, by namespace and name, and the values each pod receives
// of the ones it names. A pod's inputs then hold those values as outputs of the ConfigMap or Secret, so
// Pulumi creates the pod after them, a change of them shows as a change of the pod, and a Secret's
// values stay Pulumi secrets in the pod's state. Pods look their sources up once the program's top-level
// code has run (as pod-registry.ts does), so the order of declarations there does not matter.
import * as pulumi from "@pulumi/pulumi";
import { namesReferenced, SourceKind } from "../core/config-values";
import type { ConfigSources, ConfigValues } from "../core/types";

interface Declared {
  resourceName: string;
  values: pulumi.Output<ConfigValues>;
}

const declared = new Map<string, Declared>();
/** Sources pods looked for and did not find: declaring one later would come too late for them. */
const missed = new Set<string>();

const keyOf = (kind: SourceKind, namespace: string, name: string) => `${kind} ${namespace}/${name}`;

/** ConfigMap and Secret names are literal, so that pods find them at preview. */
export function literalIdentity(
  kind: SourceKind,
  resourceName: string,
  args: { name?: unknown; namespace?: unknown },
): { name: string; namespace: string } {
  const { name = resourceName, namespace = "default" } = args;
  if (typeof name !== "string" || typeof namespace !== "string")
    throw new pulumi.RunError(
      `${kind} "${resourceName}": name and namespace must be plain strings, so that pods can find it by name`,
    );
  return { name, namespace };
}

export function registerSource(
  kind: SourceKind,
  identity: { name: string; namespace: string },
  resourceName: string,
  values: pulumi.Output<ConfigValues>,
): void {
  const key = keyOf(kind, identity.namespace, identity.name);
  const other = declared.get(key);
  if (other)
    throw new pulumi.RunError(
      `${kind} "${resourceName}": ${key} is also declared by ${kind} "${other.resourceName}" in this program`,
    );
  if (missed.has(key))
    throw new pulumi.RunError(
      `${kind} "${resourceName}" was declared after a pod looked for ${key}. ` +
        "Declare ConfigMaps and Secrets in the program's top-level code (in any order), not in callbacks such as apply().",
    );
  declared.set(key, { resourceName, values });
}

/**
 * The values as declared, which preview knows when they are literal (a dynamic resource's outputs are not
 * known at preview while it is being created), carrying a dependency on the resource through its URN.
 */
export function valuesAfter<T>(
  resource: pulumi.CustomResource,
  values: pulumi.Input<T>,
): pulumi.Output<pulumi.Unwrap<T>> {
  return pulumi.all([resource.urn, pulumi.output(values)]).apply(([, v]) => v as pulumi.Unwrap<T>);
}

/** A pod spec as declared: the fields that name ConfigMaps and Secrets. */
export interface ConsumingSpec {
  namespace?: pulumi.Input<string>;
  containers: unknown;
  initContainers?: unknown;
  volumes?: unknown;
}

/**
 * The pod's configMaps and secrets inputs: "namespace/name" -> values of each declared source it names
 * (one it names that is not declared is left out, and check says so). Undefined when it names none, so
 * that pods without any keep the inputs they had.
 */
export function podConfigSources(pod: ConsumingSpec): {
  configMaps: pulumi.Output<ConfigSources | undefined>;
  secrets: pulumi.Output<ConfigSources | undefined>;
} {
  // Only the fields that name sources, where the spec is plain enough to tell: a container's image not
  // known at preview must not make its references unknown too.
  const spec = {
    containers: naming(pod.containers, ["env", "envFrom"]),
    initContainers: naming(pod.initContainers, ["env", "envFrom"]),
    volumes: naming(pod.volumes, ["configMap", "secret"]),
  };
  // Names are no secret, even where an env value beside them is one.
  const refs = pulumi.unsecret(
    pulumi
      .all([pulumi.output(pod.namespace ?? "default"), pulumi.output(spec as pulumi.Input<unknown>)])
      .apply(async ([namespace, unwrapped]) => {
        await new Promise((resolve) => setImmediate(resolve)); // the program's top-level code has run
        return { namespace, names: namesReferenced(unwrapped as Parameters<typeof namesReferenced>[0]) };
      }),
  );
  const valuesOf = (kind: SourceKind) =>
    refs.apply(({ namespace, names }): pulumi.Output<ConfigSources | undefined> => {
      const entries = names[kind].flatMap((name) => {
        const key = keyOf(kind, namespace, name);
        const found = declared.get(key);
        if (!found) missed.add(key);
        return found ? [[`${namespace}/${name}`, found.values] as const] : [];
      });
      if (entries.length === 0) return pulumi.output(undefined);
      const values = pulumi.output(Object.fromEntries(entries)) as pulumi.Output<ConfigSources>;
      return kind === "Secret" ? pulumi.secret(values) : values;
    });
  return { configMaps: valuesOf("ConfigMap"), secrets: valuesOf("Secret") };
}

function naming(list: unknown, fields: string[]): unknown {
  if (!Array.isArray(list)) return list;
  return list.map((item) =>
    typeof item === "object" && item !== null && !pulumi.Output.isInstance(item)
      ? Object.fromEntries(fields.map((f) => [f, (item as Record<string, unknown>)[f]]))
      : item,
  );
}
