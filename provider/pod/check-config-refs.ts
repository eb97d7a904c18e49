// `check` for what a pod takes from ConfigMaps and Secrets: each one it names must be declared in the
// program and hold the keys it names, unless the reference is optional. Runs on the values preview knows
// (a literal ConfigMap's are known then); values known only at `up` are checked by the check `up` runs.
import { containerEnv, keysFor, Keys, Lookup, PodFields, volumeFiles } from "../../core/config-values";
import type { Container, PodSpec, Volume } from "../../core/types";
import { isRecord } from "../check/common";
import { Failures, isUnknown } from "../check/failures";

export function checkConfigRefs(pod: Partial<PodSpec>, f: Failures): void {
  if (isUnknown(pod.name) || isUnknown(pod.namespace)) return;
  const fields: PodFields = { name: pod.name!, namespace: pod.namespace! };
  const lookup = previewLookup(pod);
  for (const property of ["initContainers", "containers"] as const) {
    const list = pod[property];
    if (!Array.isArray(list)) continue;
    list.forEach((c: Container, i) => {
      if (holdsUnknown([c.env, c.envFrom])) return;
      for (const p of containerEnv(c, lookup, fields).problems) f.add(`${property}[${i}].${p.at}`, p.reason);
    });
  }
  (Array.isArray(pod.volumes) ? pod.volumes : []).forEach((v: Volume, i) => {
    if (!(v.configMap || v.secret) || holdsUnknown(v)) return;
    for (const p of volumeFiles(v, lookup, fields).problems) f.add(`volumes[${i}].${p.at}`, p.reason);
  });
}

/** As lookupIn (core/config-values.ts), but a source or a map of values not known yet is "unknown". */
function previewLookup(pod: Partial<PodSpec>): Lookup {
  return (kind, name, use): Keys => {
    const all: unknown = kind === "ConfigMap" ? pod.configMaps : pod.secrets;
    if (isUnknown(all)) return "unknown";
    const values = isRecord(all) ? all[`${pod.namespace}/${name}`] : undefined;
    if (values === undefined) return "missing";
    if (!isRecord(values) || isUnknown(values.data) || isUnknown(values.binaryData)) return "unknown";
    // A value not known yet still tells that its key exists.
    const known = (m: unknown) =>
      isRecord(m) ? Object.fromEntries(Object.entries(m).map(([k, v]) => [k, isUnknown(v) ? "" : String(v)])) : {};
    return keysFor(kind, use, { data: known(values.data), binaryData: known(values.binaryData) });
  };
}

function holdsUnknown(value: unknown): boolean {
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) return value.some(holdsUnknown);
  return isRecord(value) && Object.values(value).some(holdsUnknown);
}
