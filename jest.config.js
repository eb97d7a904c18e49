// Five suites: pure logic (unit), provider handlers against a real Docker engine (integration), the real
// `pulumi` CLI through the Automation API (e2e, and e2e-engine: those that need nothing of the engine's host),
// and the same against the lab's engines (cluster: several dockerd in network namespaces of their own,
// scripts/lab-nodes.sh), which share no state with the root engine and so may run beside the others
// (scripts/test.sh). Type errors are caught by `tsc --noEmit` in
// scripts/test.sh; here files are only transpiled, which keeps the suites fast.
/**
 * End-to-end suites that reach their pods through Docker alone (no host port, no loopback address, no
 * daemon restart): scripts/test.sh runs them on a lab engine of their own, beside the root engine's suites.
 * Anywhere else they run on whatever engine DOCKER_HOST names, as every suite does.
 */
const ENGINE_ONLY_E2E = [
  "network-policy",
  "deployment",
  "policy-first-packet",
  "k8s-shop-example",
  "parallel-pods",
  "ownership",
].map((name) => `<rootDir>/test/e2e/${name}.test.ts`);
const base = {
  testEnvironment: "node",
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: { module: "commonjs", moduleResolution: "node", isolatedModules: true } }],
  },
};
module.exports = {
  // Property tests take seconds; Jest's default 5 s per test is a clock a loaded machine can beat. The
  // Docker suites set their own, longer, bounds.
  testTimeout: 60_000,
  projects: [
    { ...base, displayName: "unit", testMatch: ["<rootDir>/test/unit/**/*.test.ts"] },
    { ...base, displayName: "integration", testMatch: ["<rootDir>/test/integration/**/*.test.ts"] },
    {
      ...base,
      displayName: "e2e",
      testMatch: ["<rootDir>/test/e2e/**/*.test.ts"],
      testPathIgnorePatterns: ["/test/e2e/cluster[^/]*\\.test\\.ts$", ...ENGINE_ONLY_E2E],
    },
    { ...base, displayName: "e2e-engine", testMatch: ENGINE_ONLY_E2E },
    { ...base, displayName: "cluster", testMatch: ["<rootDir>/test/e2e/cluster*.test.ts"] },
  ],
};
