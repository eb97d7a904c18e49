// Where a resource declared by a Kubernetes manifest came from. The SDK's yaml layer adds it to the
// resource's inputs, and `check` puts it in front of every failure, with the manifest's own field path,
// then drops it: it is never stored, so moving a document within its file changes nothing. Pure.
export const MANIFEST_KEY = "manifest";

export interface ManifestSource {
  /** "k8s/app.yaml document 2". */
  document: string;
  /** "Pod shop/web". */
  object: string;
  /** Each top-level input of the resource -> the manifest field it came from ("containers" -> "spec.containers"). */
  fields: Record<string, string>;
}

interface Failure {
  property: string;
  reason: string;
}

/** The inputs without the source, and the source when there is a well-formed one. */
export function takeManifestSource(news: Record<string, unknown>): {
  inputs: Record<string, unknown>;
  source?: ManifestSource;
} {
  if (!(MANIFEST_KEY in news)) return { inputs: news };
  const { [MANIFEST_KEY]: source, ...inputs } = news;
  return { inputs, source: isSource(source) ? source : undefined };
}

/** "containers[0].image: reason" becomes "k8s/app.yaml document 2: Pod shop/web: spec.containers[0].image: reason". */
export function inManifestTerms(failure: Failure, source: ManifestSource): Failure {
  const top = /^[A-Za-z_$][\w$]*/.exec(failure.property)?.[0] ?? "";
  const origin = source.fields[top];
  const field = origin === undefined ? failure.property : origin + failure.property.slice(top.length);
  return { property: failure.property, reason: `${source.document}: ${source.object}: ${field}: ${failure.reason}` };
}

function isSource(v: unknown): v is ManifestSource {
  const s = v as ManifestSource;
  return (
    typeof v === "object" &&
    v !== null &&
    typeof s.document === "string" &&
    typeof s.object === "string" &&
    typeof s.fields === "object" &&
    s.fields !== null
  );
}
