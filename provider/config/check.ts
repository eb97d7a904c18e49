// `check` for ConfigMap and Secret: Kubernetes' name and key rules, base64 where Kubernetes wants it, and
// Kubernetes' size limit. A Secret's values never appear in a failure: only their keys do.
import type { ConfigMapSpec, SecretSpec } from "../../core/types";
import { isRecord } from "../check/common";
import { CheckFailure, entryPath, Failures, isUnknown } from "../check/failures";
import { configKey, dns1123Label, dns1123Subdomain } from "../check/names";

/** Kubernetes' limit on one ConfigMap or Secret (MaxSecretSize, and etcd's request size for ConfigMaps). */
export const MAX_CONFIG_BYTES = 1024 * 1024;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const SECRET_TYPES = ["Opaque"];

export function checkConfigMap(news: Record<string, unknown>): { inputs: ConfigMapSpec; failures: CheckFailure[] } {
  const f = new Failures();
  const identity = checkIdentity(news, f);
  const data = checkValues(news.data, "data", "text", f);
  const binaryData = checkValues(news.binaryData, "binaryData", "base64", f);
  for (const key of Object.keys(data ?? {}).filter((k) => binaryData?.[k] !== undefined))
    f.add(entryPath("binaryData", key), `key "${key}" is also in data; a key may be in only one of them`);
  checkSize([data, binaryData], f);
  return { inputs: { ...identity, ...(data && { data }), ...(binaryData && { binaryData }) }, failures: f.list };
}

export function checkSecret(news: Record<string, unknown>): { inputs: SecretSpec; failures: CheckFailure[] } {
  const f = new Failures();
  const identity = checkIdentity(news, f);
  const type = news.type ?? "Opaque";
  if (!isUnknown(type) && !SECRET_TYPES.includes(type as string))
    f.add("type", `${JSON.stringify(type)} is not supported; only "Opaque" is`);
  const data = checkValues(news.data, "data", "base64", f);
  const stringData = checkValues(news.stringData, "stringData", "text", f);
  checkSize([data, stringData], f);
  const inputs = { ...identity, type: type as "Opaque", ...(data && { data }), ...(stringData && { stringData }) };
  return { inputs, failures: f.list };
}

function checkIdentity(news: Record<string, unknown>, f: Failures): { namespace: string; name: string } {
  const namespace = news.namespace ?? "default";
  if (!isUnknown(news.name)) {
    const problem = dns1123Subdomain(news.name);
    if (problem) f.add("name", problem);
  }
  if (!isUnknown(namespace)) {
    const problem = dns1123Label(namespace);
    if (problem) f.add("namespace", problem);
  }
  return { namespace: namespace as string, name: news.name as string };
}

function checkValues(
  value: unknown,
  property: string,
  encoding: "text" | "base64",
  f: Failures,
): Record<string, string> | undefined {
  if (value === undefined || isUnknown(value)) return value as undefined;
  if (!isRecord(value)) {
    f.add(property, "must be a map of keys to strings");
    return undefined;
  }
  for (const [key, v] of Object.entries(value)) {
    const problem = configKey(key);
    if (problem) f.add(property, problem);
    if (isUnknown(v)) continue;
    if (typeof v !== "string") f.add(entryPath(property, key), "must be a string");
    else if (encoding === "base64" && !BASE64.test(v))
      f.add(entryPath(property, key), "is not base64 (standard alphabet, padded with '=')");
  }
  return value as Record<string, string>;
}

function checkSize(maps: Array<Record<string, string> | undefined>, f: Failures): void {
  const bytes = maps.reduce(
    (sum, m) =>
      sum +
      Object.entries(isRecord(m) ? m : {}).reduce(
        (s, [k, v]) => s + k.length + (typeof v === "string" ? Buffer.byteLength(v) : 0),
        0,
      ),
    0,
  );
  if (bytes > MAX_CONFIG_BYTES) f.add("data", `holds ${bytes} bytes; at most ${MAX_CONFIG_BYTES} are allowed`);
}
