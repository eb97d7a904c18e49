// Three suites: pure logic (unit), provider handlers against a real Docker engine (integration), and the
// real `pulumi` CLI through the Automation API (e2e). The last two run one file at a time: they share an engine.
const base = { preset: "ts-jest", testEnvironment: "node", transform: { "^.+\\.ts$": ["ts-jest", { diagnostics: { warnOnly: false } }] } };
module.exports = {
  projects: [
    { ...base, displayName: "unit", testMatch: ["<rootDir>/test/unit/**/*.test.ts"] },
    { ...base, displayName: "integration", testMatch: ["<rootDir>/test/integration/**/*.test.ts"] },
    { ...base, displayName: "e2e", testMatch: ["<rootDir>/test/e2e/**/*.test.ts"] },
  ],
};
