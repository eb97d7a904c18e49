// The field table is consistent, and README.md shows exactly what it says.
import * as fs from "fs";
import * as path from "path";
import { renderFieldTable } from "../../sdk/yaml/field-docs";
import { KINDS, SHAPES, shapeOf } from "../../sdk/yaml/fields";
import { WIRING } from "../../sdk/yaml/wiring";

describe("the field table", () => {
  it("has a shape for every kind, and every shape it names exists", () => {
    for (const kind of KINDS) expect(shapeOf(kind)).toBeDefined();
    const named = Object.values(SHAPES).flatMap((shape) => Object.values(shape).map((f) => f.shape));
    const missing = named.filter((s): s is string => s !== undefined && shapeOf(s) === undefined);
    expect(missing).toEqual([]);
  });

  it("gives every no-effect field its reason, and no no-effect field a shape to walk", () => {
    for (const shape of Object.values(SHAPES))
      for (const field of Object.values(shape) as Array<{ noEffect?: string; shape?: string }>)
        if (field.noEffect !== undefined) {
          expect(field.noEffect.length).toBeGreaterThan(10);
          expect(field.shape).toBeUndefined();
        }
  });

  it("is rendered in README.md as this build wires it (regenerate the table from renderFieldTable on a change)", () => {
    const readme = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");
    const table = renderFieldTable(WIRING);
    if (!readme.includes(table)) {
      throw new Error(
        `README.md's "Kubernetes manifests" table is not the field table's; put this one there:\n${table}`,
      );
    }
  });
});
