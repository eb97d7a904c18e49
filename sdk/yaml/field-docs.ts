// The README's table of the Kubernetes fields Podling reads, rendered from the field table itself
// (./fields.ts), so the two cannot drift: test/unit/yaml-fields.test.ts compares it with README.md. Pure.
import { FieldSpec, isKind, SHAPES, shapeOf } from "./fields";
import type { Wiring } from "./validate";

/** "not yet" marks what the table knows and this build does not instantiate (./wiring.ts). */
export function renderFieldTable(wiring: Wiring): string {
  const rows = Object.keys(SHAPES).map((name) => {
    const fields = Object.entries(shapeOf(name)!);
    const read = fields.filter(([, f]) => !f.noEffect).map(([key, f]) => describe(key, f, wiring));
    const ignored = fields
      .filter(([, f]) => f.noEffect)
      .map(([key, f]) => `${describe(key, f, wiring)}: ${f.noEffect}`);
    const title = !isKind(name) ? name : wiring.kinds.has(name) ? `**${name}**` : `**${name}** (not yet)`;
    return `| ${title} | ${read.join(", ")} | ${ignored.join("; ")} |`;
  });
  return ["| object | fields Podling reads | accepted, with no effect |", "|---|---|---|", ...rows].join("\n");
}

function describe(key: string, f: FieldSpec, wiring: Wiring): string {
  let text = `\`${key}${f.list ? "[]" : ""}${f.map ? "{}" : ""}\``;
  if (f.values) text += ` (${f.values.map((v) => (v === "" ? '""' : `\`${v}\``)).join(" or ")})`;
  if (f.shape) text += ` → ${f.shape}`;
  if (f.needs && !wiring.features.has(f.needs)) text += " (not yet)";
  return text;
}
