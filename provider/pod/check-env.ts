// `check` for a container's env, in either form: a map of name to value, or Kubernetes' list of
// {name, value}. valueFrom needs ConfigMaps, Secrets and field references, which Podling has not yet.
import type { EnvVar } from "../../core/types";
import { envVariables } from "../../core/env";
import { isRecord } from "../check/common";
import { entryPath, Failures, isUnknown } from "../check/failures";
import { envName } from "../check/names";

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
    f.add(entryPath(at, field), "is not a field of an env entry (name, value)");
  if (!isUnknown(item.name)) {
    const problem = typeof item.name === "string" ? envName(item.name) : "is required";
    if (problem) f.add(`${at}.name`, problem);
  }
  if (item.valueFrom !== undefined)
    f.add(
      `${at}.valueFrom`,
      "is not supported yet (no ConfigMap, Secret or field references); give value, which may be a Pulumi secret",
    );
  if (item.value !== undefined) checkEnvValue(item.value, `${at}.value`, f);
}

function checkEnvValue(value: unknown, at: string, f: Failures): void {
  if (isUnknown(value)) return;
  if (typeof value !== "string") f.add(at, "must be a string");
  else if (value.includes("\0")) f.add(at, "must not contain NUL characters");
}
