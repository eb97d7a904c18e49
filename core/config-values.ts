// What a container takes from the ConfigMaps and Secrets its pod names, as the kubelet computes it: the
// variables (envFrom first, then env, a later name winning) and the files of configMap and secret volumes.
// Every problem (a source or key missing, a key that is no variable name) comes with where it was named.
// Pure: check runs it on what preview knows, create on the final values, so both refuse the same things.
import type {
  ConfigMapVolumeSource,
  ConfigValues,
  Container,
  EnvVar,
  KeyToPath,
  PodSpec,
  SecretVolumeSource,
} from "./types";
import { envName } from "./env";

export type SourceKind = "ConfigMap" | "Secret";

/** A source's keys, "missing" when the program declares no such source, "unknown" when preview cannot know them. */
export type Keys = Map<string, Buffer> | "missing" | "unknown";
/**
 * For env, a ConfigMap offers only its data, as the kubelet reads it (binaryData is for files); a Secret
 * offers every key.
 */
export type Use = "env" | "files";
export type Lookup = (kind: SourceKind, name: string, use: Use) => Keys;

export interface Problem {
  /** Relative to the container or volume: "env[1].valueFrom.configMapKeyRef". */
  at: string;
  reason: string;
}

/** What fieldRef reads; podIP is not known before the sandbox runs. */
export interface PodFields {
  name: string;
  namespace: string;
  podIP?: string;
}

/** Kubernetes' default mode of configMap and secret volume files. */
export const DEFAULT_FILE_MODE = 0o644;
export const FIELD_PATHS = ["metadata.name", "metadata.namespace", "status.podIP"] as const;

/** The lookup of a stored pod: ConfigMap values as text (data) or base64 (binaryData); Secrets' all in base64. */
export function lookupIn(spec: Pick<PodSpec, "namespace" | "configMaps" | "secrets">): Lookup {
  return (kind, name, use) => {
    const values = (kind === "ConfigMap" ? spec.configMaps : spec.secrets)?.[`${spec.namespace}/${name}`];
    return values ? keysFor(kind, use, values) : "missing";
  };
}

export function keysFor(kind: SourceKind, use: Use, values: ConfigValues): Map<string, Buffer> {
  return keysOf(values.data, kind === "ConfigMap" && use === "env" ? undefined : values.binaryData);
}

function keysOf(data?: Record<string, string>, binaryData?: Record<string, string>): Map<string, Buffer> {
  return new Map([
    ...Object.entries(data ?? {}).map(([k, v]): [string, Buffer] => [k, Buffer.from(v, "utf8")]),
    ...Object.entries(binaryData ?? {}).map(([k, v]): [string, Buffer] => [k, Buffer.from(v, "base64")]),
  ]);
}

export interface ResolvedEnv {
  /** Each name once, in first position; absent values (preview) are left out. */
  variables: Array<[string, string]>;
  problems: Problem[];
}

/** The container's environment: envFrom in order, then env, a later name taking the place of an earlier one. */
export function containerEnv(container: Container, lookup: Lookup, fields: PodFields): ResolvedEnv {
  const byName = new Map<string, string | undefined>();
  const problems: Problem[] = [];
  (container.envFrom ?? []).forEach((from, i) => {
    const kind: SourceKind = from.secretRef ? "Secret" : "ConfigMap";
    const ref = from.secretRef ?? from.configMapRef!;
    const at = `envFrom[${i}].${from.secretRef ? "secretRef" : "configMapRef"}`;
    const keys = lookup(kind, ref.name, "env");
    if (keys === "missing") {
      if (!ref.optional) problems.push({ at, reason: notDeclared(kind, ref.name, fields) });
      return;
    }
    if (keys === "unknown") return;
    for (const [key, value] of keys) {
      const name = `${from.prefix ?? ""}${key}`;
      const problem = envName(name) ?? nulProblem(value);
      if (problem)
        problems.push({
          at,
          reason: `${describe(kind, ref.name, fields)} key "${key}" cannot be a variable: ${problem}`,
        });
      else byName.set(name, value.toString("utf8"));
    }
  });
  if (Array.isArray(container.env))
    container.env.forEach((v, i) => {
      const value = envValue(v, `env[${i}]`, lookup, fields, problems);
      if (value !== SKIP) byName.set(v.name, value);
    });
  else for (const [name, value] of Object.entries(container.env ?? {})) byName.set(name, value);
  const variables = [...byName].filter((e): e is [string, string] => e[1] !== undefined);
  return { variables, problems };
}

const SKIP = Symbol("skip");

/** A variable's value; undefined when not known yet, SKIP when an optional source or key is missing. */
function envValue(
  v: EnvVar,
  at: string,
  lookup: Lookup,
  fields: PodFields,
  problems: Problem[],
): string | undefined | typeof SKIP {
  const from = v.valueFrom;
  if (!from) return v.value ?? "";
  if (from.fieldRef) {
    const path = from.fieldRef.fieldPath;
    return path === "metadata.name" ? fields.name : path === "metadata.namespace" ? fields.namespace : fields.podIP;
  }
  const kind: SourceKind = from.secretKeyRef ? "Secret" : "ConfigMap";
  const ref = from.secretKeyRef ?? from.configMapKeyRef!;
  const refAt = `${at}.valueFrom.${from.secretKeyRef ? "secretKeyRef" : "configMapKeyRef"}`;
  const keys = lookup(kind, ref.name, "env");
  if (keys === "unknown") return undefined;
  const value = keys === "missing" ? undefined : keys.get(ref.key);
  const nul = value && nulProblem(value);
  if (nul) problems.push({ at: refAt, reason: `${describe(kind, ref.name, fields)} key "${ref.key}" ${nul}` });
  if (value) return nul ? SKIP : value.toString("utf8");
  if (ref.optional) return SKIP;
  const reason =
    keys === "missing" ? notDeclared(kind, ref.name, fields) : missingKey(kind, ref.name, ref.key, keys, fields);
  problems.push({ at: refAt, reason });
  return SKIP;
}

export interface VolumeFile {
  /** Relative to the volume's root. */
  path: string;
  content: Buffer;
  mode: number;
}

export interface ResolvedFiles {
  /** Undefined while preview cannot know the values. */
  files?: VolumeFile[];
  problems: Problem[];
}

/** The files of a configMap or secret volume: every key under its own name, or the items at their paths. */
export function volumeFiles(
  source: { configMap?: ConfigMapVolumeSource; secret?: SecretVolumeSource },
  lookup: Lookup,
  fields: PodFields,
): ResolvedFiles {
  const kind: SourceKind = source.secret ? "Secret" : "ConfigMap";
  const spec = source.secret ?? source.configMap!;
  const name = source.secret ? source.secret.secretName : source.configMap!.name;
  const at = source.secret ? "secret" : "configMap";
  const keys = lookup(kind, name, "files");
  if (keys === "unknown") return { problems: [] };
  if (keys === "missing")
    return spec.optional
      ? { files: [], problems: [] }
      : { problems: [{ at, reason: notDeclared(kind, name, fields) }] };
  const mode = spec.defaultMode ?? DEFAULT_FILE_MODE;
  const items: KeyToPath[] = spec.items ?? [...keys.keys()].map((key) => ({ key, path: key }));
  const problems: Problem[] = [];
  const files = items.flatMap((item, i): VolumeFile[] => {
    const content = keys.get(item.key);
    if (content) return [{ path: item.path, content, mode: item.mode ?? mode }];
    if (!spec.optional)
      problems.push({ at: `${at}.items[${i}].key`, reason: missingKey(kind, name, item.key, keys, fields) });
    return [];
  });
  return { files, problems };
}

/** Never the value itself: it may be a secret. */
function nulProblem(value: Buffer): string | undefined {
  return value.includes(0) ? "holds a NUL byte, which no environment variable can (mount it as a file)" : undefined;
}

function describe(kind: SourceKind, name: string, fields: PodFields): string {
  return `pod ${fields.namespace}/${fields.name}: ${kind} ${fields.namespace}/${name}`;
}

function notDeclared(kind: SourceKind, name: string, fields: PodFields): string {
  return `${describe(kind, name, fields)} is not declared in this program (declare it, or set optional: true)`;
}

function missingKey(kind: SourceKind, name: string, key: string, keys: Map<string, Buffer>, fields: PodFields): string {
  const known = keys.size > 0 ? [...keys.keys()].map((k) => JSON.stringify(k)).join(", ") : "none";
  return `${describe(kind, name, fields)} has no key "${key}" (its keys: ${known})`;
}

/**
 * The names of the ConfigMaps and Secrets a pod's containers and volumes name, each once. Reads the spec
 * as declared, before check: what is malformed names nothing here, and check reports it.
 */
export function namesReferenced(spec: {
  containers?: unknown;
  initContainers?: unknown;
  volumes?: unknown;
}): Record<SourceKind, string[]> {
  const names = { ConfigMap: new Set<string>(), Secret: new Set<string>() };
  const add = (kind: SourceKind, ref: unknown, field = "name") => {
    const name = (ref as Record<string, unknown> | undefined)?.[field];
    if (typeof name === "string") names[kind].add(name);
  };
  for (const c of [...listOf(spec.initContainers), ...listOf(spec.containers)]) {
    for (const from of listOf(c.envFrom)) {
      add("ConfigMap", from.configMapRef);
      add("Secret", from.secretRef);
    }
    for (const v of listOf(c.env)) {
      add("ConfigMap", (v.valueFrom as Record<string, unknown> | undefined)?.configMapKeyRef);
      add("Secret", (v.valueFrom as Record<string, unknown> | undefined)?.secretKeyRef);
    }
  }
  for (const v of listOf(spec.volumes)) {
    add("ConfigMap", v.configMap);
    add("Secret", v.secret, "secretName");
  }
  return { ConfigMap: [...names.ConfigMap], Secret: [...names.Secret] };
}

function listOf(value: unknown): Array<Record<string, unknown>> {
  return Array.isArray(value) ? value.filter((v) => typeof v === "object" && v !== null) : [];
}
