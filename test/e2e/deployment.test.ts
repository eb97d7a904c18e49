// Deployments end to end with the real pulumi CLI, behind a Service: a rollout under constant traffic
// loses no request and serves both versions side by side; scaling keeps the pods that stay; a rollout
// whose new pods never become ready stops, fails `up` with the reason, and the old pods keep serving.
import { exec, freeCidr, removeNetworkAndPods, requireDocker, uniqueName } from "../support/docker";
import { TestStack, testStack } from "../support/pulumi";

jest.setTimeout(600_000);

interface Pod {
  name: string;
  ip: string;
  ready: boolean;
  hash: string;
  infraContainerId: string;
}

describe("Deployment through pulumi up", () => {
  const network = uniqueName("e2e-deploy");
  let t: TestStack;
  let client: string;

  const up = async (config: Record<string, string>) => {
    for (const [k, v] of Object.entries(config)) await t.stack.setConfig(k, { value: v });
    const result = await t.stack.up();
    client = result.outputs.clientContainer.value;
    return { result, pods: result.outputs.pods.value as Pod[], hash: result.outputs.templateHash.value as string };
  };

  /** Calls the service back to back until stopped; resolves to every answer, "FAIL" for each failed request. */
  const callWithoutPause = (stopFile: string) =>
    exec(client, [
      "sh",
      "-c",
      `while [ ! -f ${stopFile} ]; do timeout 5 wget -qO- http://web.shop/ 2>/dev/null || echo FAIL; done`,
    ]).then((out) => out.split("\n").filter(Boolean));

  beforeAll(async () => {
    await requireDocker();
    t = await testStack("deployment", { network, cidr: await freeCidr(24), version: "v1", replicas: "3" });
  });
  afterAll(async () => {
    await t?.dispose().catch(() => undefined);
    await removeNetworkAndPods(network);
  });

  it("creates 3 ready pods named <deployment>-<template hash>-<suffix>", async () => {
    const { pods, hash } = await up({});
    expect(pods).toHaveLength(3);
    for (const p of pods) expect(p.name).toMatch(new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
    expect(pods.every((p) => p.ready && p.hash === hash)).toBe(true);
  });

  it("previews a template change as an update of the Deployment with the template's diff", async () => {
    await t.stack.setConfig("version", { value: "v2" });
    const preview = await t.stack.preview({ diff: true });
    await t.stack.setConfig("version", { value: "v1" });
    expect(preview.changeSummary).toEqual({ same: expect.any(Number), update: 1 });
    expect(preview.stdout).toMatch(/~ .*podling:Deployment: \(update\)[\s\S]*template[\s\S]*v1[\s\S]*v2/);
  });

  it("rolls out v2 under constant traffic with no failed request, serving both versions during the rollout", async () => {
    const stop = "/tmp/stop-rollout";
    const answers = callWithoutPause(stop);
    // The client is calling before up starts: wait for its first answers.
    await new Promise((r) => setTimeout(r, 2000));
    const started = Date.now();
    const { pods, hash, result } = await up({ version: "v2" });
    const seconds = (Date.now() - started) / 1000;
    await new Promise((r) => setTimeout(r, 2000));
    await exec(client, ["touch", stop]);
    const all = await answers;
    const count = (v: string) => all.filter((a) => a === v).length;
    const firstNew = all.indexOf("v2");
    const lastOld = all.lastIndexOf("v1");
    console.log(
      `rollout of 3 replicas: up took ${seconds.toFixed(1)} s; ${all.length} requests: ${count("v1")} v1, ${count("v2")} v2, ${count("FAIL")} failed; v1 still answered ${all.slice(firstNew).filter((a) => a === "v1").length} times after the first v2`,
    );
    expect(result.summary.resourceChanges).toMatchObject({ update: 1 });
    expect(count("FAIL")).toBe(0);
    expect(count("v1") + count("v2")).toBe(all.length);
    // Both versions served side by side: v1 answered after v2 had started answering.
    expect(firstNew).toBeGreaterThanOrEqual(0);
    expect(lastOld).toBeGreaterThan(firstNew);
    expect(all[all.length - 1]).toBe("v2");
    expect(pods).toHaveLength(3);
    expect(pods.every((p) => p.hash === hash && p.ready)).toBe(true);
  });

  it("scales 3 -> 5 -> 2 in place, leaving the pods that stay alone", async () => {
    const before = (await t.stack.outputs()).pods.value as Pod[];
    const five = (await up({ replicas: "5" })).pods;
    expect(five).toHaveLength(5);
    for (const p of before) expect(five).toContainEqual({ ...p, ready: true });
    const two = (await up({ replicas: "2" })).pods;
    expect(two).toHaveLength(2);
    for (const p of two) expect(five).toContainEqual(p);
    const answers = new Set(
      (
        await exec(client, [
          "sh",
          "-c",
          "for i in 1 2 3 4 5 6; do timeout 5 wget -qO- http://web.shop/ || echo FAIL; done",
        ])
      )
        .split("\n")
        .filter(Boolean),
    );
    expect([...answers]).toEqual(["v2"]);
  });

  it("a rollout whose pods never become ready stops, fails up with the reason, and the old pods keep serving", async () => {
    const before = (await t.stack.outputs()).pods.value as Pod[];
    let message = "";
    await up({ version: "v3", readiness: "never", progressDeadlineSeconds: "20" }).catch(
      (err) => (message = String(err)),
    );
    expect(message).toMatch(/progressDeadlineSeconds \(20\)/);
    expect(message).toMatch(/First pending: pod web-[a-z0-9]+-[a-z0-9]+: NotReady: container server/);
    const answers = (
      await exec(client, ["sh", "-c", "for i in $(seq 20); do timeout 5 wget -qO- http://web.shop/ || echo FAIL; done"])
    )
      .split("\n")
      .filter(Boolean);
    expect(answers).toEqual(Array(20).fill("v2"));
    const state = (await t.stack.exportStack()).deployment.resources.find((r: any) =>
      r.type.endsWith("podling:Deployment"),
    );
    const stored = state.outputs.pods as Pod[];
    for (const p of before) expect(stored.map((s) => s.name)).toContain(p.name);
  });
});
