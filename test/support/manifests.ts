// Manifests for the yaml unit tests: YAML text through the real parser, validated against a chosen wiring.
import { parseDocuments } from "../../sdk/yaml/documents";
import { KINDS } from "../../sdk/yaml/fields";
import { formatProblem, validateManifests, Wiring } from "../../sdk/yaml/validate";

/** Everything the field table knows, wired: what the table itself accepts. */
export const FULL_WIRING: Wiring = {
  kinds: new Set(KINDS),
  features: new Set(["configMapRefs", "secretRefs", "fieldRefs"]),
};

/** The manifests of `text` and every problem, formatted as the user sees it. */
export function validateYaml(text: string, wiring: Wiring = FULL_WIRING, source = "app.yaml") {
  const { documents, problems: parse } = parseDocuments(text, source);
  expect(parse).toEqual([]);
  const { manifests, problems } = validateManifests(documents, wiring);
  return { manifests, problems, messages: problems.map(formatProblem) };
}

/** The one manifest of `text`, which must be valid. */
export function validManifest(text: string) {
  const { manifests, messages } = validateYaml(text);
  expect(messages).toEqual([]);
  expect(manifests).toHaveLength(1);
  return manifests[0];
}
