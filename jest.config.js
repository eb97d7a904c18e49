// Four suites: pure logic (unit), provider handlers against a real Docker engine (integration), the real
// `pulumi` CLI through the Automation API (e2e), and the same against the lab's engines (cluster: several
// dockerd in network namespaces of their own, scripts/lab-nodes.sh), which share no state with the root
// engine and so may run beside the others (scripts/test.sh). Type errors are caught by `tsc --noEmit` in
// scripts/test.sh; here files are only transpiled, which keeps the suites fast.
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
      testPathIgnorePatterns: ["/test/e2e/cluster[^/]*\\.test\\.ts$"],
    },
    { ...base, displayName: "cluster", testMatch: ["<rootDir>/test/e2e/cluster*.test.ts"] },
  ],
};
