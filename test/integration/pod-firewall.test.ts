// A pod's firewall is applied in its own namespace, and refresh notices when a sandbox restart lost it.
import { podFirewallHandlers } from "../../provider/pod-firewall/handlers";
import { podHandlers } from "../../provider/pod/handlers";
import { podNetworkHandlers } from "../../provider/pod-network/handlers";
import { docker, exec, freeCidr, removeNetworkAndPods, requireDocker, uniqueName } from "../support/docker";
import { checkedCreate } from "../support/handlers";
import { httpServer, sleeper } from "../support/workloads";

jest.setTimeout(90_000);

describe("PodFirewall against the real engine", () => {
  const network = uniqueName("it-fw");

  beforeAll(async () => {
    await requireDocker();
    await checkedCreate(podNetworkHandlers, { name: network, cidr: await freeCidr() });
  });
  afterAll(() => removeNetworkAndPods(network));

  it("loads the rules into the pod, leaves no helper behind, and reports them gone after a sandbox restart", async () => {
    const pod = await checkedCreate(podHandlers, { network, name: "guarded", terminationGracePeriodSeconds: 0, containers: [httpServer("main", 8080, "inside")] });
    const client = await checkedCreate(podHandlers, { network, name: "client", terminationGracePeriodSeconds: 0, containers: [sleeper("main")] });
    const call = () => exec(client.outs.containerIds.main, ["sh", "-c", `timeout 5 wget -qO- http://${pod.outs.podIP}:8080/ 2>&1; true`]);
    expect(await call()).toBe("inside\n");
    const spec = { network, namespace: "default", pod: "guarded", sandboxId: pod.id, rules: { ingress: [] } };
    const fw = await podFirewallHandlers.create(spec);
    expect(await call()).toMatch(/Connection refused/);
    expect(await docker.listContainers({ all: true, filters: { label: [`podling.io/network=${network}`, "podling.io/role=firewall"] } })).toEqual([]);
    expect(await podFirewallHandlers.read(fw.id, fw.outs)).toEqual({ id: fw.id, props: fw.outs });

    await docker.getContainer(pod.id).restart({ t: 0 });
    expect(await podFirewallHandlers.read(fw.id, fw.outs)).toEqual({});
  });
});
