// Makes `require("podling")` resolve inside this checkout the way it does for a user who installed the
// package: examples, test programs and the dynamic-provider process all find node_modules/podling.
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const link = path.join(root, "node_modules", "podling");
if (!fs.existsSync(path.join(root, "node_modules"))) process.exit(0);
try {
  if (fs.readlinkSync(link) === "..") process.exit(0);
  fs.rmSync(link, { recursive: true, force: true });
} catch {
  // not a link yet
}
fs.symlinkSync("..", link, "dir");
