// The pod lifecycle through the real pulumi CLI: init containers and an emptyDir, `up` waiting for
// readiness, a secret kept out of the state, limits and restart policy changed in place, a pod that is
// not ready recorded as a partial create and finished by the next `up`, and a Docker daemon restart.
import {
  docker,
  exec,
  freeCidr,
  agentDesired,
  managedObjects,
  removeNetworkAndPods,
  requireDocker,
  restartDockerDaemon,
  uniqueName,
} from "../support/docker";
import { TestStack, testStack } from "../support/pulumi";
import { eventually } from "../support/wait";
import * as fs from "fs";

jest.setTimeout(300_000);

const TOKEN = "tok-3f9a1c-never-in-state";

describe("pod lifecycle through pulumi up", () => {
  const network = uniqueName("e2e-life");
  let t: TestStack;
  let ip: string;
  let ids: Record<string, string>;

  beforeAll(async () => {
    await requireDocker();
    t = await testStack("lifecycle", { network, cidr: await freeCidr() });
    await t.stack.setConfig("apiToken", { value: TOKEN, secret: true });
  });
  afterAll(async () => {
    await t?.dispose().catch(() => undefined);
    await removeNetworkAndPods(network);
  });

  it("1. up runs the init container, waits for readiness, and the app serves what init wrote", async () => {
    const result = await t.stack.up();
    expect(result.summary.resourceChanges).toMatchObject({ create: 3 });
    expect(result.outputs.webReady.value).toBe(true);
    ip = result.outputs.webIP.value;
    ids = result.outputs.webIds.value;
    // Ready means served: no retry is needed right after up.
    expect(await exec(ids.client, ["wget", "-qO-", "http://localhost:8080/index.html"])).toBe("rendered-by-init\n");
  });

  it("2. the secret reaches the container but is not in the state file in plaintext", async () => {
    expect(await exec(ids.server, ["sh", "-c", 'echo "$API_TOKEN"'])).toBe(`${TOKEN}\n`);
    const state = fs.readFileSync(t.stateFile(), "utf8");
    expect(state).toContain("ciphertext");
    expect(state).not.toContain(TOKEN);
  });

  it("3. preview and refresh right after up report no changes", async () => {
    await t.stack.preview({ expectNoChanges: true });
    await t.stack.refresh({ expectNoChanges: true });
  });

  it("4. a new cpu limit and restart policy are applied in place, keeping the containers; the node agent carries the policy out", async () => {
    await t.stack.setConfig("cpu", { value: "300m" });
    await t.stack.setConfig("restartPolicy", { value: "OnFailure" });
    const result = await t.stack.up();
    expect(result.summary.resourceChanges).toEqual({ update: 1, same: 2 });
    expect(result.outputs.webIds.value).toEqual(ids);
    const server = await docker.getContainer(ids.server).inspect();
    expect(server.HostConfig.NanoCpus).toBe(300_000_000);
    // The agent restarts app containers, after their sandbox and its firewall; Docker does not.
    expect(server.HostConfig.RestartPolicy?.Name).toBe("no");
    expect((await agentDesired(network, `pod.${network}_default_web`)).containers[0].restartPolicy).toBe("OnFailure");
    // Back to Always for the daemon restart of step 6: under OnFailure, a container that the daemon's
    // shutdown stopped cleanly (exit code 0) stays stopped, as in Kubernetes.
    await t.stack.setConfig("restartPolicy", { value: "Always" });
    await t.stack.up();
    expect((await agentDesired(network, `pod.${network}_default_web`)).containers[0].restartPolicy).toBe("Always");
  });

  it("5. a pod that is not ready in time fails up with the reason, stays in the state, and the next up finishes it", async () => {
    await t.stack.setConfig("withGate", { value: "true" });
    const failed = await t.stack.up().then(
      () => undefined,
      (err: Error) => err,
    );
    expect(failed?.message).toMatch(
      /pod default\/gate is not ready \(readyTimeoutSeconds is 5\): container app: readiness probe failed: exec probe "test -f \/tmp\/ready" exited with code 1/,
    );
    const deployment = await t.stack.exportStack();
    const gate = deployment.deployment.resources.find((r: { urn: string }) => r.urn.endsWith("::gate"));
    expect(gate?.initErrors?.[0]).toMatch(/is not ready/);
    expect(gate?.outputs.ready).toBe(false);
    await exec(gate.outputs.containerIds.app, ["touch", "/tmp/ready"]);
    const result = await t.stack.up();
    expect(result.outputs.gateReady.value).toBe(true);
    expect(result.summary.resourceChanges).toMatchObject({ update: 1 });
  });

  it("6. after a Docker daemon restart, with no Pulumi command, every container runs again with its IP and localhost works; refresh then finds nothing to do", async () => {
    await restartDockerDaemon();
    // Docker starts a pod's containers all at once, and one it starts before its sandbox is never retried:
    // the network's node agent starts them in order.
    await eventually("the pod's containers run again", 120, async () => {
      const all = await Promise.all([ids.server, ids.client].map((id) => docker.getContainer(id).inspect()));
      return all.every((c) => c.State.Running);
    });
    await eventually(
      "localhost answers again",
      30,
      async () =>
        (await exec(ids.client, ["wget", "-qO-", "http://localhost:8080/index.html"])) === "rendered-by-init\n",
    );
    expect(await exec(ids.client, ["ip", "-4", "-o", "addr", "show", "eth0"])).toContain(`${ip}/`);
    await eventually("refresh sees the pod ready", 30, async () => {
      await t.stack.refresh();
      const web = (await t.stack.exportStack()).deployment.resources.find((r: { urn: string }) =>
        r.urn.endsWith("::web"),
      );
      return web?.outputs.ready === true;
    });
    await t.stack.preview({ expectNoChanges: true });
  });

  it("7. destroy removes the pods, their init containers and volumes", async () => {
    await t.stack.destroy();
    expect(await managedObjects(network)).toEqual({ containers: [], networks: [], volumes: [] });
  });
});
