// podling-init's spec and state are one contract, written as JSON Schemas in tools/podinit/schema. The
// provider's types are generated from them; its real spec builder must write exactly the shared vectors in
// schema/testdata, and its state reader must read the state vectors. The Go side decodes the same vectors
// (tools/podinit/contract_test.go).
import * as fs from "fs";
import * as path from "path";
import Ajv2020 from "ajv/dist/2020";
import { appContainerConfig } from "../../provider/pod/container-config";
import { parseInitState } from "../../provider/pod/readiness";
import { checkPod } from "../../provider/pod/check";

const generator = require("../../scripts/gen-init-types") as { render(): string; OUTPUT: string };

const ROOT = path.join(__dirname, "../..");
const SCHEMA_DIR = path.join(ROOT, "tools/podinit/schema");
const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, file), "utf8"));
const vectors = (dir: string, kind: "spec" | "state"): string[] =>
  fs
    .readdirSync(path.join(SCHEMA_DIR, dir))
    .filter((f) => f.startsWith(`${kind}-`) && f.endsWith(".json"))
    .map((f) => path.join(dir, f));

// Strict, so a misspelt keyword fails instead of being ignored; strictRequired would refuse the oneOf of handlers.
const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
const validators = {
  spec: ajv.compile(readJson("spec.schema.json") as object),
  state: ajv.compile(readJson("state.schema.json") as object),
};
function schemaErrors(kind: "spec" | "state", value: unknown): string[] {
  const validate = validators[kind];
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`);
}

/** One pod through the provider's own check, which fills Kubernetes' defaults and resolves port names. */
function checkedPod() {
  const { inputs, failures } = checkPod({
    network: "net",
    name: "pod",
    terminationGracePeriodSeconds: 5,
    containers: [
      {
        name: "server",
        image: "i",
        ports: [{ containerPort: 8443, name: "https" }],
        livenessProbe: { tcpSocket: { port: 8443 }, initialDelaySeconds: 5 },
        readinessProbe: {
          httpGet: { path: "/healthz", port: "https", scheme: "HTTPS" },
          periodSeconds: 1,
          timeoutSeconds: 2,
          successThreshold: 2,
        },
        startupProbe: { exec: { command: ["test", "-f", "/tmp/up"] }, periodSeconds: 2, failureThreshold: 30 },
      },
      { name: "sidecar", image: "i" },
      { name: "web", image: "i", ports: [{ containerPort: 8080 }], readinessProbe: { httpGet: { port: 8080 } } },
    ],
  });
  expect(failures).toEqual([]);
  return inputs;
}

describe("podling-init's contract", () => {
  it("the committed types are what scripts/gen-init-types.js writes from the schemas", () => {
    expect(fs.readFileSync(path.join(ROOT, generator.OUTPUT), "utf8")).toBe(generator.render());
  });

  it("the provider writes exactly the spec vectors: the argument of podling-init run, one per container", () => {
    const pod = checkedPod();
    const written = Object.fromEntries(
      pod.containers.map((c) => {
        const entrypoint = appContainerConfig(pod, c, { id: "sandbox", podIP: "10.244.0.2" }, ["/bin/app"], "tools")
          .Entrypoint as string[];
        expect(entrypoint).toEqual([expect.any(String), "run", expect.any(String), "--", "/bin/app"]);
        return [path.join("testdata", `spec-${c.name}.json`), JSON.parse(entrypoint[2])];
      }),
    );
    expect(Object.keys(written).sort()).toEqual(vectors("testdata", "spec").sort());
    for (const [file, spec] of Object.entries(written)) {
      expect(schemaErrors("spec", spec)).toEqual([]);
      expect(spec).toEqual(readJson(file));
    }
  });

  it.each(vectors("testdata", "state"))("the provider reads %s as it is, and it follows the schema", (file) => {
    const text = fs.readFileSync(path.join(SCHEMA_DIR, file), "utf8");
    expect(schemaErrors("state", readJson(file))).toEqual([]);
    expect(parseInitState({ exitCode: 0, stdout: text, stderr: "" })).toEqual(readJson(file));
  });

  it("the state the provider makes up when podling-init did not answer follows the schema", () => {
    const state = parseInitState({ exitCode: 126, stdout: "", stderr: "exec failed\n" });
    expect(state).toEqual({ started: false, ready: false, reason: "podling-init did not report (exec failed)" });
    expect(schemaErrors("state", state)).toEqual([]);
  });

  it.each([...vectors("testdata/invalid", "spec"), ...vectors("testdata/invalid", "state")])(
    "the schema rejects %s",
    (file) => {
      expect(schemaErrors(path.basename(file).startsWith("spec-") ? "spec" : "state", readJson(file))).not.toEqual([]);
    },
  );
});
