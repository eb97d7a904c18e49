// Policy from the first packet: new pods in a policed namespace accept no denied connection during the up
// that creates them, nor after it fails because one of them never gets ready. An intruder probes every
// pod address of the network five times a second throughout; every answer it gets is counted.
import { freeCidr, removeNetworkAndPods, requireDocker, uniqueName, wholeLog } from "../support/docker";
import { TestStack, testStack } from "../support/pulumi";

jest.setTimeout(600_000);

describe("NetworkPolicy from the first packet", () => {
  const network = uniqueName("e2e-guard");
  let t: TestStack;
  let out: Record<string, any>;

  beforeAll(async () => {
    await requireDocker();
    const cidr = await freeCidr(24);
    const base = cidr.split("/")[0].split(".").slice(0, 3).join(".");
    // Pods take the lowest free addresses of the network's own range: the first 16 cover every pod here.
    const targets = Array.from({ length: 16 }, (_, i) => `${base}.${i + 2}`);
    t = await testStack("guarded", { network, cidr, targets: JSON.stringify(targets) });
  });
  afterAll(async () => {
    await t?.dispose().catch(() => undefined);
    await removeNetworkAndPods(network);
  });

  /** Every probe answer the intruder logged, by the address that answered. */
  async function answers(): Promise<{ probes: number; answered: Record<string, number> }> {
    const lines = (await wholeLog(out.intruderId)).split("\n").filter((l) => / (ok|fail) /.test(l));
    const answered: Record<string, number> = {};
    for (const line of lines.filter((l) => l.includes(" ok "))) {
      const address = line.split(":")[0];
      answered[address] = (answered[address] ?? 0) + 1;
    }
    return { probes: lines.length, answered };
  }

  it("1. up deploys the policy, a friend, an open pod and the intruder; the intruder reaches only the open pod", async () => {
    const result = await t.stack.up();
    out = Object.fromEntries(Object.entries(result.outputs).map(([k, v]) => [k, v.value]));
  });

  it("2. an up adding two pods to the namespace, one never ready, fails; the intruder got answers only from the open pod, during it and after", async () => {
    const before = await answers();
    await t.stack.setConfig("addPods", { value: "true" });
    await expect(t.stack.up()).rejects.toThrow(/stuck.*not ready/s);
    // Probing goes on after the failed up: the new pods' full firewalls never came.
    await new Promise((r) => setTimeout(r, 5000));
    const after = await answers();
    const probesDuring = after.probes - before.probes;
    console.log(
      `intruder: ${probesDuring} probes during and after the up, answers by address: ${JSON.stringify(after.answered)}`,
    );
    // 16 addresses a round, five rounds a second: the up and the 5 s after it are many rounds.
    expect(probesDuring).toBeGreaterThan(16 * 20);
    expect(Object.keys(after.answered)).toEqual([out.openIP]);
    expect(after.answered[out.openIP] - (before.answered[out.openIP] ?? 0)).toBeGreaterThan(20);
  });
});
