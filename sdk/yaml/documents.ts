// Multi-document Kubernetes YAML as plain objects, each remembering where it came from, so that every
// later error can name the file, the document and the line of the field. Pure.
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document } from "yaml";

/** One manifest object and where it was written. */
export interface ManifestDocument {
  /** The file name, or what the text is (`yaml[0]`, `objs[2]`). */
  source: string;
  /** Zero-based position among the non-empty documents of its source, as kubectl counts them. */
  index: number;
  object: unknown;
  /** The line (1-based) of a field, given as a path of keys and indices; the document's line when unknown. */
  lineOf(path: ReadonlyArray<string | number>): number;
}

/** A problem with one document: where, and what. */
export interface DocumentProblem {
  document: Pick<ManifestDocument, "source" | "index">;
  line?: number;
  message: string;
}

/** Every document of a YAML text; empty ones (a trailing `---`, only comments) are no objects and are left out. */
export function parseDocuments(
  text: string,
  source: string,
): { documents: ManifestDocument[]; problems: DocumentProblem[] } {
  const lines = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false });
  const documents: ManifestDocument[] = [];
  const problems: DocumentProblem[] = [];
  const all = Array.isArray(parsed) ? parsed : [];
  for (const doc of all) {
    // An empty document parses as a null scalar; kubectl skips those too.
    if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) continue;
    const index = documents.length;
    const lineAt = (offset: number) => lines.linePos(offset).line;
    const start = lineAt(doc.contents.range?.[0] ?? 0);
    if (doc.errors.length > 0) {
      for (const e of doc.errors)
        problems.push({ document: { source, index }, line: lineAt(e.pos[0]), message: `invalid YAML: ${e.message}` });
      documents.push({ source, index, object: undefined, lineOf: () => start });
      continue;
    }
    documents.push({ source, index, object: doc.toJS({ maxAliasCount: 100 }), lineOf: lineFinder(doc, lineAt, start) });
  }
  return { documents, problems };
}

/** A document given as an object already (ConfigGroup's `objs`): no lines to name. */
export function objectDocument(object: unknown, source: string, index: number): ManifestDocument {
  return { source, index, object, lineOf: () => 0 };
}

function lineFinder(doc: Document.Parsed, lineAt: (offset: number) => number, start: number) {
  return (path: ReadonlyArray<string | number>): number => {
    // The deepest step of the path that exists: a missing field is reported where its parent is written.
    let node: unknown = doc.contents;
    let line = start;
    for (const step of path) {
      const at = stepInto(node, step);
      if (!at) break;
      node = at.node;
      if (at.offset !== undefined) line = lineAt(at.offset);
    }
    return line;
  };
}

/** The child at one step, and where it is written: a map entry at its key, a list item at itself. */
function stepInto(node: unknown, step: string | number): { node: unknown; offset?: number } | undefined {
  if (isMap(node)) {
    const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === step);
    return pair && { node: pair.value, offset: isScalar(pair.key) ? pair.key.range?.[0] : undefined };
  }
  if (isSeq(node) && typeof step === "number") {
    const item = node.items[step];
    return item === undefined
      ? undefined
      : { node: item, offset: isScalar(item) || isMap(item) || isSeq(item) ? item.range?.[0] : undefined };
  }
  return undefined;
}
