// Time to first answer: from `pulumi up` of the benchmark program with one pod (a server and a sidecar) and
// its service, on an engine with the images present and no Podling network of its own yet, until the
// sidecar gets an HTTP answer from the service by its DNS name. Run: npm run bench:first-answer -- [reps].
// Each repetition destroys its stack; everything it made is removed, even on failure.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { freeBenchCidr } from "./compare/cidr";
import { removeNetworkAndContainers, run } from "./support";
import { execIn, listContainers } from "../provider/docker/containers";

const reps = Number(process.argv[2] ?? 3);
const SERVICE_NAME = "svc-0.default.svc.cluster.local";
/** minikube's time-to-k8s benchmark, on other hardware: what a user waits for a local Kubernetes. */
const PUBLISHED = [
  { tool: "kind", seconds: 33 },
  { tool: "k3d", seconds: 19.9 },
];

/** The sidecar's first answer from the service by name, polled until `stop` says the up is over and failed. */
async function firstAnswer(network: string, failed: () => boolean): Promise<void> {
  for (;;) {
    if (failed()) throw new Error("pulumi up failed before any answer");
    const sidecar = (await listContainers([`podling.io/network=${network}`])).find(
      (c) => c.State === "running" && c.Names.some((n) => n.endsWith("_sidecar")),
    );
    if (sidecar && (await call(sidecar.Id)).trim() === "p0") return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function call(containerId: string): Promise<string> {
  const result = await execIn(containerId, ["sh", "-c", `timeout 2 wget -qO- http://${SERVICE_NAME}/ 2>/dev/null`]);
  return result.stdout;
}

async function once(rep: number): Promise<{ answer: number; up: number }> {
  const network = `bench-first-${process.pid}-${rep}`;
  const backendDir = fs.mkdtempSync(path.join(os.tmpdir(), "podling-first-"));
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: `f${process.pid}r${rep}`, workDir: path.join(__dirname, "programs", "podling") },
    {
      envVars: {
        PULUMI_BACKEND_URL: `file://${backendDir}`,
        PULUMI_CONFIG_PASSPHRASE: "bench",
        PULUMI_SKIP_UPDATE_CHECK: "true",
      },
    },
  );
  try {
    await stack.setAllConfig({
      n: { value: "1" },
      variant: { value: "a" },
      network: { value: network },
      cidr: { value: await freeBenchCidr() },
    });
    let failed = false;
    const started = Date.now();
    const up = stack.up().then(
      () => Date.now() - started,
      (err) => {
        failed = true;
        throw err;
      },
    );
    await firstAnswer(network, () => failed);
    const answer = Date.now() - started;
    return { answer: answer / 1000, up: (await up) / 1000 };
  } finally {
    await stack.destroy().catch(() => undefined);
    await removeNetworkAndContainers(network);
    fs.rmSync(backendDir, { recursive: true, force: true });
  }
}

async function main() {
  const results: Array<{ answer: number; up: number }> = [];
  for (let rep = 1; rep <= reps; rep++) {
    const r = await once(rep);
    console.log(
      `repetition ${rep}: first answer ${r.answer.toFixed(2)} s after up began; up returned at ${r.up.toFixed(2)} s`,
    );
    results.push(r);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(
    `time to first answer: median ${median(results.map((r) => r.answer)).toFixed(2)} s over ${reps} (up returned at ${median(results.map((r) => r.up)).toFixed(2)} s)`,
  );
  for (const p of PUBLISHED) console.log(`${p.tool}: ${p.seconds} s (published, not measured here)`);
}

run(main);
