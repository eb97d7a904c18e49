// Issue #18: after setup (which `npm test` runs first), the commands the README and the demo print call
// `pulumi`, and a new login shell, started with an empty environment, must find a pulumi that Podling can
// use (3.139 or newer) and its Node.js language host.
import { execFileSync } from "child_process";
import * as os from "os";

function inNewLoginShell(command: string): string {
  return execFileSync("env", ["-i", `HOME=${os.homedir()}`, "bash", "-lc", command], { encoding: "utf8" }).trim();
}

describe("setup leaves working commands behind", () => {
  it("a new login shell finds pulumi 3.139 or newer, and the Node.js language host beside it", () => {
    const version = inNewLoginShell("pulumi version");
    const [major, minor] = version.replace(/^v/, "").split(".").map(Number);
    expect(major > 3 || (major === 3 && minor >= 139)).toBe(true);
    expect(inNewLoginShell("command -v pulumi-language-nodejs")).toMatch(/pulumi-language-nodejs$/);
  });
});
