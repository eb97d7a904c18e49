// Every Pulumi program of the checkout runs without ts-node's type check (issue #17: the examples do not
// pay for it on every command; `npm test` type-checks them all with the root tsconfig instead). A program
// folder without its tsconfig.json would silently fall back to type-checking on every preview and up.
import * as fs from "fs";
import * as path from "path";

const root = path.join(__dirname, "..", "..");

function programFolders(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (!entry.isDirectory() || entry.name === "node_modules" || entry.name.startsWith(".")) return [];
    const folder = path.join(dir, entry.name);
    return [...(fs.existsSync(path.join(folder, "Pulumi.yaml")) ? [folder] : []), ...programFolders(folder)];
  });
}

describe("Pulumi programs skip ts-node's type check", () => {
  const folders = ["examples", "test", "bench"].flatMap((dir) => programFolders(path.join(root, dir)));

  it("finds the program folders", () => {
    expect(folders.length).toBeGreaterThanOrEqual(10);
  });

  it.each(folders.map((f) => [path.relative(root, f)]))("%s has a tsconfig.json with noCheck", (folder) => {
    const config = JSON.parse(fs.readFileSync(path.join(root, folder, "tsconfig.json"), "utf8"));
    expect(config.compilerOptions.noCheck).toBe(true);
  });

  it("the root program (the default stack) transpiles only", () => {
    const config = JSON.parse(fs.readFileSync(path.join(root, "tsconfig.json"), "utf8"));
    expect(config["ts-node"]).toEqual({ transpileOnly: true });
  });
});
