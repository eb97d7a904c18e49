// Golden files: rendered text is compared with a reviewed copy under test/golden. Only the explicit
// update command rewrites them, so a renderer change fails first and then shows as a diff to review.
import * as fs from "fs";
import * as path from "path";
import { lineDiff } from "./line-diff";

export const GOLDEN_UPDATE_COMMAND = "npm run golden:update";
const GOLDEN_DIR = path.join(__dirname, "..", "golden");
// Set by the update command alone; any other value (or none) only compares.
const updating = process.env.UPDATE_GOLDEN === "1";

export function expectGolden(name: string, text: string): void {
  const file = path.join(GOLDEN_DIR, name);
  const shown = `test/golden/${name}`;
  if (updating) {
    if (!fs.existsSync(file) || fs.readFileSync(file, "utf8") !== text) fs.writeFileSync(file, text);
    return;
  }
  if (!fs.existsSync(file)) {
    throw new Error(
      `${shown} does not exist; create it with \`${GOLDEN_UPDATE_COMMAND}\`, then read it whole before committing it`,
    );
  }
  const expected = fs.readFileSync(file, "utf8");
  if (text !== expected) {
    throw new Error(
      `rendered text differs from ${shown} (- golden, + rendered):\n${lineDiff(expected, text)}\n` +
        `If the change is intended, run \`${GOLDEN_UPDATE_COMMAND}\` and review \`git diff test/golden\`.`,
    );
  }
}
