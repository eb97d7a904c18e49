// Each manifest against the field table (./fields.ts), then what only the set of them shows: one object
// declared twice. Values (ports, label syntax, quantities) are left to the resources' own checks, which
// already name the field. Every problem is reported, not only the first. Pure.
import { matchesSelector } from "../../core/selector";
import type { LabelMap, Selector } from "../../core/types";
import type { ManifestDocument } from "./documents";
import { Feature, FieldSpec, isKind, isNamespaced, Kind, KINDS, shapeOf } from "./fields";

/** What this build of Podling can instantiate (./wiring.ts); the table may know more. */
export interface Wiring {
  kinds: ReadonlySet<Kind>;
  features: ReadonlySet<Feature>;
}

export type FieldPath = Array<string | number>;

export interface ManifestProblem {
  document: ManifestDocument;
  /** "Deployment shop/web", once the document says that much. */
  object?: string;
  path: FieldPath;
  message: string;
}

/** A manifest that passed: its kind, namespace ("" for a Namespace) and name. */
export interface ValidManifest {
  document: ManifestDocument;
  kind: Kind;
  namespace: string;
  name: string;
  object: Record<string, unknown>;
}

export function validateManifests(
  documents: ManifestDocument[],
  wiring: Wiring,
): { manifests: ValidManifest[]; problems: ManifestProblem[] } {
  const manifests: ValidManifest[] = [];
  const problems: ManifestProblem[] = [];
  const seen = new Map<string, ManifestDocument>();
  for (const document of documents) {
    const before = problems.length;
    const manifest = validateManifest(document, wiring, problems);
    if (!manifest || problems.length > before) continue;
    const key = `${manifest.kind} ${objectName(manifest)}`;
    const first = seen.get(key);
    if (first)
      problems.push({
        document,
        object: key,
        path: ["metadata", "name"],
        message: `${key} is already declared by ${describeDocument(first)}; one object per kind, namespace and name`,
      });
    else seen.set(key, document);
    manifests.push(manifest);
  }
  return { manifests, problems };
}

/** `shop/web`, or `shop` for a Namespace. */
export const objectName = (m: { namespace: string; name: string }): string =>
  m.namespace ? `${m.namespace}/${m.name}` : m.name;

export function describeDocument(d: Pick<ManifestDocument, "source" | "index">, line?: number): string {
  return `${d.source} document ${d.index + 1}${line ? ` (line ${line})` : ""}`;
}

/** "a.yaml document 2 (line 14): Deployment shop/web: spec.template.spec.affinity: ..." */
export function formatProblem(p: ManifestProblem): string {
  const line = p.document.lineOf(p.path);
  const where = describeDocument(p.document, line);
  return `${where}: ${p.object ? `${p.object}: ` : ""}${p.path.length ? `${formatPath(p.path)}: ` : ""}${p.message}`;
}

export function formatPath(path: FieldPath): string {
  return path.map((s, i) => (typeof s === "number" ? `[${s}]` : i === 0 ? s : `.${s}`)).join("");
}

function validateManifest(
  document: ManifestDocument,
  wiring: Wiring,
  problems: ManifestProblem[],
): ValidManifest | undefined {
  const object = document.object;
  const report = (path: FieldPath, message: string, what?: string) =>
    problems.push({ document, object: what, path, message });
  if (!isRecord(object)) {
    report([], "a document must be one Kubernetes object (a map with apiVersion, kind and metadata)");
    return undefined;
  }
  const kind = object.kind;
  const metadata = isRecord(object.metadata) ? object.metadata : {};
  const name = metadata.name;
  const namespace = isKind(kind) && !isNamespaced(kind) ? "" : (metadata.namespace ?? "default");
  const named = typeof name === "string" && typeof namespace === "string" ? objectName({ namespace, name }) : "";
  const what = typeof kind === "string" ? `${kind} ${named}`.trim() : undefined;
  if (!isKind(kind)) {
    report(
      ["kind"],
      kind === undefined
        ? "is missing"
        : `${JSON.stringify(kind)} is not a kind Podling runs; it runs ${KINDS.join(", ")}`,
      what,
    );
    return undefined;
  }
  // Still validated in full, so that every problem shows at once.
  if (!wiring.kinds.has(kind)) report([], `kind ${kind}: not supported yet by this build of Podling`, what);
  if (typeof name !== "string" || name === "") report(["metadata", "name"], "is required (a string)", what);
  if (isNamespaced(kind) && (typeof namespace !== "string" || namespace === ""))
    report(["metadata", "namespace"], "must be a string", what);
  walkShape(object, kind, [], wiring, (path, message) => report(path, message, what));
  if (kind === "Deployment") checkDeploymentSelector(object, (path, message) => report(path, message, what));
  if (kind === "Service") checkHeadless(object, (path, message) => report(path, message, what));
  return { document, kind, namespace: namespace as string, name: name as string, object };
}

type Report = (path: FieldPath, message: string) => void;

function walkShape(value: unknown, shapeName: string, path: FieldPath, wiring: Wiring, report: Report): void {
  if (value === undefined || value === null) return;
  if (!isRecord(value)) return report(path, "must be an object");
  const shape = shapeOf(shapeName)!;
  for (const [key, field] of Object.entries(value)) {
    const spec = shape[key];
    if (!spec) {
      report(
        [...path, key],
        `is not a field Podling supports here, so it would be ignored; remove it (fields here: ${Object.keys(shape).join(", ")})`,
      );
      continue;
    }
    walkField(field, spec, [...path, key], wiring, report);
  }
}

function walkField(value: unknown, spec: FieldSpec, path: FieldPath, wiring: Wiring, report: Report): void {
  if (value === undefined || value === null) return;
  if (spec.needs && !wiring.features.has(spec.needs))
    return report(
      path,
      "is not supported yet by this build of Podling (it needs ConfigMaps, Secrets and field references)",
    );
  if (spec.values && !spec.values.includes(value as string))
    return report(
      path,
      `${JSON.stringify(value)} is not supported; Podling supports ${spec.values.map((v) => JSON.stringify(v)).join(", ")}`,
    );
  if (spec.noEffect) return;
  if (spec.list) {
    if (!Array.isArray(value)) return report(path, "must be a list");
    if (spec.shape) value.forEach((item, i) => walkShape(item, spec.shape!, [...path, i], wiring, report));
    return;
  }
  if (spec.map) {
    if (!isRecord(value)) report(path, "must be a map");
    return;
  }
  if (spec.shape) walkShape(value, spec.shape, path, wiring, report);
}

/** As the API server does: a Deployment's selector must select its own template's pods. */
function checkDeploymentSelector(object: Record<string, unknown>, report: Report): void {
  const spec = isRecord(object.spec) ? object.spec : {};
  const template = isRecord(spec.template) ? spec.template : {};
  const labels = (isRecord(template.metadata) ? template.metadata.labels : undefined) ?? {};
  const selector = spec.selector;
  if (!isRecord(selector) || !isRecord(labels)) return report(["spec", "selector"], "is required (a LabelSelector)");
  const { matchLabels = {}, matchExpressions = [] } = selector as { matchLabels?: object; matchExpressions?: unknown };
  if (Object.keys(matchLabels).length === 0 && (!Array.isArray(matchExpressions) || matchExpressions.length === 0))
    return report(["spec", "selector"], "must not be empty: it selects the Deployment's own pods");
  // A malformed requirement is the Deployment's own check to report; matching it here would mislead.
  const wellFormed =
    Array.isArray(matchExpressions) &&
    matchExpressions.every(
      (r) => isRecord(r) && ["In", "NotIn", "Exists", "DoesNotExist"].includes(r.operator as string),
    );
  if (wellFormed && !matchesSelector(selector as Selector, labels as LabelMap))
    report(
      ["spec", "selector"],
      `does not select the pods of its own template (spec.template.metadata.labels ${JSON.stringify(labels)})`,
    );
}

/** Podling's headless service is its own type, so `clusterIP: None` goes only with ClusterIP, as in Kubernetes. */
function checkHeadless(object: Record<string, unknown>, report: Report): void {
  const spec = isRecord(object.spec) ? object.spec : {};
  if (spec.clusterIP === "None" && spec.type !== undefined && spec.type !== "ClusterIP")
    report(["spec", "clusterIP"], `"None" (a headless service) needs type ClusterIP, not ${JSON.stringify(spec.type)}`);
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
