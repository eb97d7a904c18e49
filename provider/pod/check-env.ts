// `check` for a container's env, in either form: a map of name to value, or Kubernetes' list of
// {name, value | valueFrom}, and for its envFrom. The shapes only: whether the named ConfigMaps, Secrets
// and keys exist is check-config-refs.ts's part.
import type { EnvVar } from "../../core/types";
import { envName, envVariables } from "../../core/env";
import { FIELD_PATHS } from "../../core/config-values";
import { isRecord } from "../check/common";
import { entryPath, Failures, isUnknown } from "../check/failures";
import { configKey, dns1123Subdomain } from "../check/names";

/** A whole env block larger than this does not fit in a container's environment reliably. */
const MAX_ENV_BYTES = 128 * 1024;
const ENV_VAR_FIELDS = ["name", "value", "valueFrom"];

export function checkEnv(value: unknown, property: string, f: Failures): void {
  if (value === undefined || isUnknown(value)) return;
  if (!Array.isArray(value) && !isRecord(value))
    return f.add(property, "must be a map of names to string values, or a list of { name, value }");
  if (Array.isArray(value)) value.forEach((item, i) => checkEnvVar(item, `${property}[${i}]`, f));
  else
    for (const [name, v] of Object.entries(value)) {
      const problem = envName(name);
      if (problem) f.add(property, problem);
      checkEnvValue(v, entryPath(property, name), f);
    }
  const list = Array.isArray(value) ? value : Object.entries(value).map(([name, v]) => ({ name, value: v }));
  // The size the container gets: each name once, values not known yet left out.
  const known = list.filter(
    (v): v is EnvVar =>
      isRecord(v) && typeof v.name === "string" && typeof (v.value ?? "") === "string" && !isUnknown(v.value),
  );
  const bytes = envVariables(known).reduce((sum, [k, v]) => sum + k.length + v.length + 2, 0);
  if (bytes > MAX_ENV_BYTES)
    f.add(property, `holds ${bytes} bytes; at most ${MAX_ENV_BYTES} fit (mount large data as a file instead)`);
}

function checkEnvVar(item: unknown, at: string, f: Failures): void {
  if (isUnknown(item)) return;
  if (!isRecord(item)) return f.add(at, "must be an object with name and value");
  for (const field of Object.keys(item).filter((k) => !ENV_VAR_FIELDS.includes(k)))
    f.add(entryPath(at, field), "is not a field of an env entry (name, value, valueFrom)");
  if (!isUnknown(item.name)) {
    const problem = typeof item.name === "string" ? envName(item.name) : "is required";
    if (problem) f.add(`${at}.name`, problem);
  }
  if (item.valueFrom !== undefined && item.value !== undefined)
    f.add(`${at}.valueFrom`, "give either value or valueFrom, not both");
  if (item.valueFrom !== undefined) checkValueFrom(item.valueFrom, `${at}.valueFrom`, f);
  if (item.value !== undefined) checkEnvValue(item.value, `${at}.value`, f);
}

const VALUE_FROM_SOURCES = ["configMapKeyRef", "secretKeyRef", "fieldRef"];

function checkValueFrom(value: unknown, at: string, f: Failures): void {
  if (isUnknown(value)) return;
  if (!isRecord(value)) return f.add(at, `must be an object with one of ${VALUE_FROM_SOURCES.join(", ")}`);
  const sources = Object.keys(value);
  for (const field of sources.filter((k) => !VALUE_FROM_SOURCES.includes(k)))
    f.add(entryPath(at, field), `is not supported; valueFrom takes one of ${VALUE_FROM_SOURCES.join(", ")}`);
  if (sources.length !== 1) f.add(at, `must have exactly one of ${VALUE_FROM_SOURCES.join(", ")}`);
  if (value.configMapKeyRef !== undefined) checkRef(value.configMapKeyRef, `${at}.configMapKeyRef`, true, f);
  if (value.secretKeyRef !== undefined) checkRef(value.secretKeyRef, `${at}.secretKeyRef`, true, f);
  if (value.fieldRef !== undefined) checkFieldRef(value.fieldRef, `${at}.fieldRef`, f);
}

function checkFieldRef(value: unknown, at: string, f: Failures): void {
  if (isUnknown(value)) return;
  if (!isRecord(value)) return f.add(at, "must be an object with fieldPath");
  for (const field of Object.keys(value).filter((k) => k !== "fieldPath" && k !== "apiVersion"))
    f.add(entryPath(at, field), "is not a field of fieldRef (fieldPath, apiVersion)");
  if (value.apiVersion !== undefined && value.apiVersion !== "v1" && !isUnknown(value.apiVersion))
    f.add(`${at}.apiVersion`, `${JSON.stringify(value.apiVersion)} must be "v1"`);
  if (!isUnknown(value.fieldPath) && !(FIELD_PATHS as readonly unknown[]).includes(value.fieldPath))
    f.add(`${at}.fieldPath`, `${JSON.stringify(value.fieldPath)} must be one of ${FIELD_PATHS.join(", ")}`);
}

/** A reference to a ConfigMap or Secret by name, and with `withKey` to one of its keys. */
export function checkRef(value: unknown, at: string, withKey: boolean, f: Failures, nameField = "name"): void {
  if (isUnknown(value)) return;
  const required = withKey ? [nameField, "key"] : [nameField];
  const fields = [...required, "optional"];
  if (!isRecord(value)) return f.add(at, `must be an object with ${required.join(" and ")}`);
  for (const field of Object.keys(value).filter((k) => !fields.includes(k)))
    f.add(entryPath(at, field), `is not a field here (${fields.join(", ")})`);
  if (!isUnknown(value[nameField])) {
    const problem = dns1123Subdomain(value[nameField]);
    if (problem) f.add(`${at}.${nameField}`, problem);
  }
  if (withKey && !isUnknown(value.key)) {
    const problem = typeof value.key === "string" ? configKey(value.key) : "is required";
    if (problem) f.add(`${at}.key`, problem);
  }
  if (value.optional !== undefined && typeof value.optional !== "boolean" && !isUnknown(value.optional))
    f.add(`${at}.optional`, "must be true or false");
}

const ENV_FROM_FIELDS = ["prefix", "configMapRef", "secretRef"];

export function checkEnvFrom(value: unknown, property: string, f: Failures): void {
  if (value === undefined || isUnknown(value)) return;
  if (!Array.isArray(value)) return f.add(property, "must be a list of { configMapRef | secretRef, prefix }");
  value.forEach((item, i) => {
    const at = `${property}[${i}]`;
    if (isUnknown(item)) return;
    if (!isRecord(item)) return f.add(at, "must be an object with configMapRef or secretRef");
    for (const field of Object.keys(item).filter((k) => !ENV_FROM_FIELDS.includes(k)))
      f.add(entryPath(at, field), `is not a field of an envFrom entry (${ENV_FROM_FIELDS.join(", ")})`);
    if ((item.configMapRef === undefined) === (item.secretRef === undefined))
      f.add(at, "must have exactly one of configMapRef and secretRef");
    if (item.configMapRef !== undefined) checkRef(item.configMapRef, `${at}.configMapRef`, false, f);
    if (item.secretRef !== undefined) checkRef(item.secretRef, `${at}.secretRef`, false, f);
    if (item.prefix !== undefined && !isUnknown(item.prefix)) {
      const problem =
        typeof item.prefix === "string" ? (item.prefix === "" ? undefined : envName(item.prefix)) : "must be a string";
      if (problem) f.add(`${at}.prefix`, problem);
    }
  });
}

function checkEnvValue(value: unknown, at: string, f: Failures): void {
  if (isUnknown(value)) return;
  if (typeof value !== "string") f.add(at, "must be a string");
  else if (value.includes("\0")) f.add(at, "must not contain NUL characters");
}
