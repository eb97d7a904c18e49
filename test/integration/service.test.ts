// A deleted pod leaves its services before its containers get SIGTERM, as in Kubernetes.
import { podHandlers } from "../../provider/pod/handlers";
import { podNetworkHandlers } from "../../provider/pod-network/handlers";
import { serviceHandlers } from "../../provider/service/handlers";
import { docker, exec, freeCidr, removeNetworkAndPods, requireDocker, uniqueName } from "../support/docker";
import { checkedCreate } from "../support/handlers";
import { eventually } from "../support/wait";
import { httpServer } from "../support/workloads";

jest.setTimeout(180_000);

describe("Service against the real engine", () => {
  const network = uniqueName("it-svc");

  beforeAll(async () => {
    await requireDocker();
    await checkedCreate(podNetworkHandlers, { name: network, cidr: await freeCidr() });
  });
  afterAll(() => removeNetworkAndPods(network));

  it("takes a deleted pod out of the router's rules while its containers still run", async () => {
    // A server that ignores SIGTERM: its containers outlive the withdrawal by the whole grace period. 20 s is
    // far longer than a loaded machine takes between the withdrawal and the next look at the rules.
    const stubborn = { ...httpServer("server", 8080, "x"), command: ["sh", "-c", "mkdir -p /www; httpd -f -p 8080 -h /www; sleep 86400"] };
    const pod = await checkedCreate(podHandlers, { network, name: "leaving", terminationGracePeriodSeconds: 20, labels: { app: "x" }, containers: [stubborn] });
    const svc = await checkedCreate(serviceHandlers, {
      network,
      name: "x",
      selector: { app: "x" },
      ports: [{ port: 80, targetPort: 8080 }],
      endpoints: [{ pod: "default/leaving", ip: pod.outs.podIP, ready: true }],
    });
    const router = svc.outs.routerContainerId;
    const rules = () => exec(router, ["iptables-save", "-t", "nat"]);
    expect(await rules()).toContain(`--to-destination ${pod.outs.podIP}:8080`);

    const deleting = podHandlers.delete(pod.id, pod.outs);
    await eventually("the pod's address leaves the router's rules", 60, async () => !(await rules()).includes(pod.outs.podIP));
    const runningAfterWithdrawal = (await docker.getContainer(pod.outs.containerIds.server).inspect()).State.Running;
    await deleting;
    expect(runningAfterWithdrawal).toBe(true);
    await serviceHandlers.delete(svc.id, svc.outs);
    await expect(docker.getContainer(router).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });
});
