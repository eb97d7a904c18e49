// The node agent as the policy agent of one engine: a NetworkPolicy handed to it is in force in the pods
// it selects when create returns, with no helper container; a restarted sandbox gets the firewall again
// before its containers run; a policy change re-checks UDP flows; a deleted policy opens the pod again.
import { networkPolicyHandlers } from "../../provider/network-policy/handlers";
import { podHandlers } from "../../provider/pod/handlers";
import { podNetworkHandlers } from "../../provider/pod-network/handlers";
import { agentReport, entryKey } from "../../provider/agent/desired-state";
import { sandboxName } from "../../provider/names";
import {
  docker,
  exec,
  firewallHelpers,
  freeCidr,
  removeNetworkAndPods,
  requireDocker,
  uniqueName,
} from "../support/docker";
import { checkedCreate } from "../support/handlers";
import { httpServer, sleeper } from "../support/workloads";
import { eventually } from "../support/wait";

jest.setTimeout(120_000);

describe("network policies through the node agent", () => {
  const network = uniqueName("it-pa");

  beforeAll(async () => {
    await requireDocker();
    await checkedCreate(podNetworkHandlers, { name: network, cidr: await freeCidr(24) });
  });
  afterAll(() => removeNetworkAndPods(network));

  const pod = (name: string, labels: Record<string, string>, containers: unknown[]) =>
    checkedCreate(podHandlers, { network, name, labels, terminationGracePeriodSeconds: 0, containers });
  const policy = (name: string, spec: Record<string, unknown>) => ({
    network,
    namespace: "default",
    name,
    policyTypes: ["Ingress"],
    ingress: [],
    enforcement: "node-agent",
    namespaceLabels: {},
    ...spec,
  });

  it("is in force when create returns, and again in a restarted sandbox before its containers run; delete opens the pod", async () => {
    const server = await pod("guarded", { app: "guarded" }, [httpServer("main", 8080, "inside")]);
    const client = await pod("caller", { app: "caller" }, [sleeper("main")]);
    const call = () =>
      exec(client.outs.containerIds.main, [
        "sh",
        "-c",
        `timeout 5 wget -qO- http://${server.outs.podIP}:8080/ 2>&1; true`,
      ]);
    // The server answers on its own loopback throughout: a refused call is the firewall's doing.
    const serving = () =>
      exec(server.outs.containerIds.main, ["sh", "-c", "timeout 5 wget -qO- http://127.0.0.1:8080/ 2>&1; true"]);
    expect(await call()).toBe("inside\n");

    const deny = policy("deny-guarded", { podSelector: { app: "guarded" } });
    const created = await networkPolicyHandlers.create(deny);
    expect(await call()).toMatch(/Connection refused/);
    expect(await firewallHelpers(network)).toEqual([]);

    await docker.getContainer(server.id).restart({ t: 0 });
    const startedAt = (await docker.getContainer(server.id).inspect()).State.StartedAt;
    const key = entryKey("policy-firewall", sandboxName({ network, namespace: "default", pod: "guarded" }));
    await eventually("the agent reports the firewall loaded into the new sandbox start", 60, async () => {
      return (await agentReport(network, key))?.handledStart === startedAt;
    });
    await eventually("the agent started the server again", 60, async () => (await serving()) === "inside\n");
    expect(await call()).toMatch(/Connection refused/);

    await networkPolicyHandlers.delete(created.id, created.outs);
    expect(await call()).toBe("inside\n");
  });

  it("re-checks UDP flows when a policy changes: a datagram from the same socket address as an allowed one is dropped once it is denied", async () => {
    const probe = (name: string, command: string[]) =>
      pod(name, { app: name }, [{ name: "main", image: "podling/probe:1", command }]);
    const server = await probe("udp-server", ["podling-probe", "serve", "udp-server", "-", "81"]);
    const client = await probe("udp-client", ["sleep", "86400"]);
    // The same local port each time: the kernel tracks the flow by its addresses and ports.
    const send = () =>
      exec(client.outs.containerIds.main, ["podling-probe", "check", "2s", `${server.outs.podIP}:81/udp@40123`]);
    const allow = policy("udp", {
      podSelector: { app: "udp-server" },
      ingress: [{ from: [{ podSelector: { app: "udp-client" } }], ports: [{ port: 81, protocol: "UDP" }] }],
    });
    const created = await networkPolicyHandlers.create(allow);
    expect(await send()).toMatch(/ ok udp-server from /);

    await networkPolicyHandlers.update(created.id, created.outs, { ...allow, ingress: [] });
    expect(await send()).toMatch(/ fail refused/);
    await networkPolicyHandlers.delete(created.id, { ...created.outs, ingress: [] });
  });
});
