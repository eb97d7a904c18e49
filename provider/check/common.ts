// Validators shared by every resource's check.
import { entryPath, Failures, isUnknown } from "./failures";
import { dns1123Label, labelKey, labelValue } from "./names";

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Kubernetes' TotalAnnotationSizeLimitB: the keys and values of all annotations together. */
const MAX_ANNOTATION_BYTES = 256 * 1024;

/** Labels: Kubernetes keys and values. Annotations: Kubernetes keys, any string values, 256 KiB in all. */
export function checkStringMap(
  value: unknown,
  property: string,
  failures: Failures,
  kind: "labels" | "annotations",
): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (isUnknown(value)) return value as never;
  if (!isRecord(value)) {
    failures.add(property, "must be a map of strings");
    return {};
  }
  const keys = Object.keys(value);
  if (keys.length > 256) failures.add(property, `has ${keys.length} entries; at most 256 are allowed`);
  for (const key of keys.slice(0, 256)) {
    const v = value[key];
    if (isUnknown(v)) continue;
    const keyProblem = labelKey(key);
    if (keyProblem) failures.add(`${property}`, keyProblem);
    const valueProblem =
      kind === "labels" ? labelValue(key, v) : typeof v === "string" ? undefined : `value of "${key}" must be a string`;
    if (valueProblem) failures.add(entryPath(property, key), valueProblem);
  }
  if (kind === "annotations") {
    const bytes = keys.reduce(
      (sum, key) =>
        sum + Buffer.byteLength(key) + (typeof value[key] === "string" ? Buffer.byteLength(value[key] as string) : 0),
      0,
    );
    if (bytes > MAX_ANNOTATION_BYTES)
      failures.add(
        property,
        `hold ${bytes} bytes in keys and values; at most ${MAX_ANNOTATION_BYTES} (256 KiB) are allowed, as in Kubernetes: keep large data in a volume or a config file`,
      );
  }
  return value as Record<string, string>;
}

export function checkPort(value: unknown, property: string, failures: Failures): void {
  if (isUnknown(value)) return;
  if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > 65535) {
    failures.add(property, `${JSON.stringify(value)} is not a port number between 1 and 65535`);
  }
}

/** Drops undefined members so the value survives protobuf's Struct conversion and compares stably. */
export function compact<T>(value: T): T {
  if (Array.isArray(value)) return value.map(compact) as T;
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = compact(v);
    return out as T;
  }
  return value;
}

/** A Kubernetes object name (DNS-1123 label), unless it is not known yet at preview. */
export function checkLabelName(value: unknown, property: string, failures: Failures): void {
  const problem = isUnknown(value) ? undefined : dns1123Label(value);
  if (problem) failures.add(property, problem);
}
