// `npm run lint`: typescript-eslint's recommended rules (without type information, to stay fast) and the
// architecture's import rules. Formatting belongs to Prettier (.prettierrc.json); eslint-config-prettier
// turns off every rule that would fight it.
const js = require("@eslint/js");
const tseslint = require("typescript-eslint");
const prettier = require("eslint-config-prettier");
const { defineConfig, globalIgnores } = require("eslint/config");

// The arrows go sdk → core ← provider; only provider/docker/ talks to Docker.
const DOCKERODE = {
  regex: "^dockerode(/|$)",
  message: "Only provider/docker/ talks to Docker: go through its functions (the Docker seam), type imports included.",
};
const PROVIDER_FROM_SDK = {
  regex: "^((\\.\\./)+provider|podling/provider)(/|$)",
  message:
    "sdk/ must not import provider/: the SDK runs in the user's program and reaches the provider only " +
    "through the stub in sdk/provider-stub.ts; share code through core/.",
};
const SDK_FROM_PROVIDER = {
  regex: "^((\\.\\./)+sdk(/|$)|podling$)",
  message: "provider/ must not import sdk/ (the user API); share code through core/.",
};
const OUTSIDE_CORE = {
  regex: "^((\\.\\./)+(sdk|provider)(/|$)|podling(/|$))",
  message: "core/ is the pure code that sdk/ and provider/ share: it imports neither of them.",
};
const restricted = (...patterns) => ["error", { patterns }];

// Test and benchmark harnesses that use dockerode on purpose: they observe the engine independently of
// the code under test, and bench/compare's dockerode tool is the raw lower bound podling is measured against.
const DIRECT_DOCKER = [
  "test/support/docker.ts",
  "test/support/lab.ts",
  "bench/support.ts",
  "bench/compare/run.ts",
  "bench/compare/cidr.ts",
  "bench/compare/system-footprint.ts",
  "bench/compare/tools/dockerode.ts",
];

module.exports = defineConfig([
  globalIgnores(["**/node_modules/", "**/dist/", "coverage/", ".pulumi-state/", "tools/"]),
  js.configs.recommended,
  tseslint.configs.recommended,
  prettier,
  {
    rules: {
      // Prettier wraps code at 120 but cannot wrap a comment, so comment lines are held to 120 here. Code
      // lines are Prettier's, and a string, template literal, regular expression or URL longer than the
      // line stays whole, since breaking it would change it.
      "max-len": [
        "error",
        {
          code: 120,
          comments: 120,
          ignoreTrailingComments: true,
          ignoreUrls: true,
          ignoreStrings: true,
          ignoreTemplateLiterals: true,
          ignoreRegExpLiterals: true,
        },
      ],
      "no-restricted-imports": restricted(DOCKERODE),
      // A leading underscore names a value that is deliberately unused (a parameter kept for the signature,
      // a key dropped from a rest object).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      // `ok ? resolve() : reject(e)` as a statement is an idiom here.
      "@typescript-eslint/no-unused-expressions": ["error", { allowTernary: true }],
      // Deliberate run-time loads: dockerode only when a client is made (the serialized provider must never
      // capture one), the installed provider only when the stub is called, and the CommonJS type generator.
      "@typescript-eslint/no-require-imports": [
        "error",
        { allow: ["^dockerode$", "^podling/provider$", "/scripts/gen-init-types$"] },
      ],
    },
  },
  {
    files: ["test/**", "bench/**"],
    // Tests and benchmarks feed deliberately ill-typed input to check() and read Pulumi's untyped outputs.
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    files: ["**/*.js"],
    languageOptions: {
      sourceType: "commonjs",
      globals: {
        require: "readonly",
        module: "writable",
        __dirname: "readonly",
        __filename: "readonly",
        process: "readonly",
      },
    },
    // The build scripts and configs are CommonJS.
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  { files: ["sdk/**"], rules: { "no-restricted-imports": restricted(DOCKERODE, PROVIDER_FROM_SDK) } },
  { files: ["provider/**"], rules: { "no-restricted-imports": restricted(DOCKERODE, SDK_FROM_PROVIDER) } },
  { files: ["provider/docker/**"], rules: { "no-restricted-imports": restricted(SDK_FROM_PROVIDER) } },
  { files: DIRECT_DOCKER, rules: { "no-restricted-imports": "off" } },
  {
    files: ["core/**"],
    rules: {
      "no-restricted-imports": restricted(DOCKERODE, OUTSIDE_CORE),
      // core/ runs in both processes without a Pulumi runtime: Pulumi's types may be named, its code not.
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@pulumi/pulumi",
              allowTypeImports: true,
              message: "core/ is pure code: it may use Pulumi's types (import type) but not its runtime.",
            },
          ],
          patterns: [
            {
              group: ["@pulumi/pulumi/*"],
              allowTypeImports: true,
              message: "core/ is pure code: it may use Pulumi's types (import type) but not its runtime.",
            },
          ],
        },
      ],
    },
  },
  // Written by scripts/gen-init-types.js: a schema description is one comment line.
  { files: ["provider/pod/init-contract.ts"], rules: { "max-len": "off" } },
]);
