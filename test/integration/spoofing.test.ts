// A pod cannot forge its source address past a network policy: its containers run without NET_RAW, so it
// cannot open the raw socket that forging needs. A container given NET_RAW can, which the README warns of.
import { networkPolicyHandlers } from "../../provider/network-policy/handlers";
import { podHandlers } from "../../provider/pod/handlers";
import { podNetworkHandlers } from "../../provider/pod-network/handlers";
import { execIn } from "../../provider/docker/containers";
import { exec, freeCidr, removeNetworkAndPods, requireDocker, uniqueName, wholeLog } from "../support/docker";
import { checkedCreate } from "../support/handlers";
import { eventually } from "../support/wait";

jest.setTimeout(120_000);

const PROBE = "podling/probe:1";
const PORT = 9999;
/** podling-probe forge's exit code when the kernel refuses it a raw socket. */
const NO_RAW_SOCKET = 3;

describe("a forged source address against a pod's network policy", () => {
  const network = uniqueName("it-spoof");
  const run = uniqueName("d"); // payloads are unique to this run and to each attempt
  type Pod = { id: string; outs: Record<string, any> };
  let target: Pod;
  let allowed: Pod;
  let denied: Pod;

  const idle = (name: string, extra: Record<string, unknown> = {}) => ({
    name,
    image: PROBE,
    command: ["sleep", "86400"],
    ...extra,
  });
  const createPod = (name: string, role: string, containers: Array<Record<string, unknown>>) =>
    checkedCreate(podHandlers, { network, name, labels: { role }, terminationGracePeriodSeconds: 0, containers });

  beforeAll(async () => {
    await requireDocker();
    await checkedCreate(podNetworkHandlers, { name: network, cidr: await freeCidr() });
    // The target logs every datagram it receives, in order: '"PAYLOAD" from SOURCE_IP'.
    target = await createPod("target", "target", [
      { ...idle("listener"), command: ["podling-probe", "udp-log", String(PORT)] },
    ]);
    allowed = await createPod("allowed", "allowed", [idle("main")]);
    // Two containers of one pod share its address and its path to the target; only "raw" adds NET_RAW.
    denied = await createPod("denied", "denied", [
      idle("plain"),
      idle("raw", { securityContext: { capabilities: { add: ["NET_RAW"] } } }),
    ]);

    // A policy that admits UDP only from role=allowed, enforced by the network's node agent.
    await networkPolicyHandlers.create({
      network,
      namespace: "default",
      name: "udp-from-allowed",
      podSelector: { role: "target" },
      policyTypes: ["Ingress"],
      ingress: [{ from: [{ podSelector: { role: "allowed" } }], ports: [{ protocol: "UDP", port: PORT }] }],
      egress: [],
      enforcement: "node-agent",
      namespaceLabels: {},
    });
  });
  afterAll(() => removeNetworkAndPods(network));

  let attempts = 0;
  const payload = (what: string) => `${what}-${run}-${++attempts}`;
  const targetAddress = () => `${target.outs.podIP}:${PORT}`;

  /** The source address the target logged for `text`; undefined when it has not received it. */
  const arrival = async (text: string): Promise<string | undefined> => {
    const prefix = `${JSON.stringify(text)} from `;
    const line = (await wholeLog(target.outs.containerIds.listener)).split("\n").find((l) => l.startsWith(prefix));
    return line?.slice(prefix.length);
  };
  /** Waits (generously: this is no timing bound) until the target has logged `text`; returns its source. */
  const arrived = async (text: string): Promise<string> => {
    await eventually(`the target logs the datagram ${text}`, 60, async () => (await arrival(text)) !== undefined);
    return (await arrival(text))!;
  };
  const send = (pod: Pod, container: string, text: string) =>
    exec(pod.outs.containerIds[container], ["podling-probe", "send", targetAddress(), text]);
  const forge = (container: string, text: string) =>
    execIn(denied.outs.containerIds[container], ["podling-probe", "forge", allowed.outs.podIP, targetAddress(), text]);

  /** A probe from the denied pod's own address; the target's firewall rejects it with an ICMP error. */
  const fromOwnAddress = (container: string) =>
    exec(denied.outs.containerIds[container], ["podling-probe", "check", "5s", `${targetAddress()}/udp`]);

  it("lets a datagram from the allowed pod through, and rejects one from the denied pod's own address", async () => {
    const genuine = payload("genuine");
    await send(allowed, "main", genuine);
    expect(await arrived(genuine)).toBe(allowed.outs.podIP);
    expect(await fromOwnAddress("plain")).toMatch(/ fail refused$/m);
  });

  it("without NET_RAW the denied pod cannot forge the allowed pod's address: no raw socket, nothing arrives", async () => {
    const forged = payload("forged-without-raw");
    const attempt = await forge("plain", forged);
    expect({ exitCode: attempt.exitCode, stderr: attempt.stderr.trim() }).toEqual({
      exitCode: NO_RAW_SOCKET,
      stderr: "forge: cannot open a raw socket (it needs NET_RAW): operation not permitted",
    });

    // Positive controls, sent after the attempt had ended: a genuine datagram from the allowed pod, and a
    // datagram forged the same way by the same pod's container that has NET_RAW, on the very path the first
    // one would have taken. The target's one socket logs datagrams in the order they arrive, so once the
    // later ones are logged, the first one is absent for good rather than late.
    const genuine = payload("genuine");
    await send(allowed, "main", genuine);
    const control = payload("forged-with-raw");
    expect((await forge("raw", control)).exitCode).toBe(0);
    expect(await arrived(genuine)).toBe(allowed.outs.podIP);
    expect(await arrived(control)).toBe(allowed.outs.podIP);
    expect(await arrival(forged)).toBeUndefined();
    const log = await wholeLog(target.outs.containerIds.listener);
    expect(log).not.toContain(forged);
    expect(log).not.toContain(`from ${denied.outs.podIP}`);
  });

  it("with NET_RAW added, the denied pod forges the allowed pod's address past the policy, as the README warns", async () => {
    const forged = payload("forged-with-raw");
    const attempt = await forge("raw", forged);
    expect(attempt).toMatchObject({ exitCode: 0, stderr: "" });
    // It arrives as if the allowed pod had sent it, although the same container's own address is refused.
    expect(await arrived(forged)).toBe(allowed.outs.podIP);
    expect(await fromOwnAddress("raw")).toMatch(/ fail refused$/m);
    expect(await wholeLog(target.outs.containerIds.listener)).not.toContain(`from ${denied.outs.podIP}`);
  });
});
