// Multi-document YAML keeps each document's source, index and the lines of its fields.
import { parseDocuments } from "../../sdk/yaml/documents";

const TEXT = `# leading comment
apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
---
# only a comment
---
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: podling/busybox:1
      lifecycle: {}
`;

describe("parseDocuments", () => {
  it("returns every non-empty document in order, with its source and index", () => {
    const { documents, problems } = parseDocuments(TEXT, "k8s/app.yaml");
    expect(problems).toEqual([]);
    expect(documents.map((d) => [d.source, d.index, (d.object as any).kind])).toEqual([
      ["k8s/app.yaml", 0, "Namespace"],
      ["k8s/app.yaml", 1, "Pod"],
    ]);
  });

  it("finds the line of a field, and of its nearest existing parent when the field is missing", () => {
    const pod = parseDocuments(TEXT, "a.yaml").documents[1];
    expect(pod.lineOf(["spec", "containers", 0, "lifecycle"])).toBe(18);
    expect(pod.lineOf(["spec", "containers", 0, "ports"])).toBe(16);
    expect(pod.lineOf(["kind"])).toBe(11);
    expect(pod.lineOf([])).toBe(10);
  });

  it("reports invalid YAML with its document and line", () => {
    const { problems } = parseDocuments("apiVersion: v1\n---\nkind: Pod\nkind: Pod\n", "bad.yaml");
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ document: { source: "bad.yaml", index: 1 }, line: 4 });
    expect(problems[0].message).toMatch(/invalid YAML: .*unique/i);
  });

  it("keeps YAML 1.2 scalars: yes and on stay strings, numbers stay numbers", () => {
    const [doc] = parseDocuments("a: yes\nb: on\nc: 8080\nd: '8080'\n", "s.yaml").documents;
    expect(doc.object).toEqual({ a: "yes", b: "on", c: 8080, d: "8080" });
  });
});
