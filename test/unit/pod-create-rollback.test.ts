// Pod create is all or nothing (sync-pod.ts): a failure at any step removes what the create made, the pod's
// volumes and its address, and the error names what failed. Runs against the fake engine, without Docker.
import { layoutOf } from "../../core/cidr";
import { podFilter } from "../../provider/labels";
import { appContainerName, sandboxName } from "../../provider/names";
import { podHandlers } from "../../provider/pod/handlers";
import { useFakeDocker } from "../support/fake-docker";
import { preparePodEngine } from "../support/fake-pods";
import { checkedCreate } from "../support/handlers";
import { sleeper } from "../support/workloads";

const FIRST_POD_IP = layoutOf("10.244.0.0/24").podFirst;

describe("pod create rollback (fake engine)", () => {
  const engine = useFakeDocker();
  let network: string;
  beforeEach(async () => {
    network = await preparePodEngine(engine.current());
  });

  const web = () => ({
    network,
    name: "web",
    volumes: [{ name: "scratch", emptyDir: {} }],
    containers: [{ ...sleeper("app"), volumeMounts: [{ name: "scratch", mountPath: "/scratch" }] }, sleeper("sidecar")],
  });
  const identity = () => ({ network, namespace: "default", pod: "web" });
  const leftOver = async () => ({
    containers: engine.current().container.names(),
    volumes: await engine.current().volume.list(podFilter(identity())),
  });

  it("a container that does not start: everything made is removed, volumes too, and the error names the container", async () => {
    engine
      .current()
      .container.failStart(appContainerName(identity(), "sidecar"), "error mounting /etc/app: no such file");
    await expect(checkedCreate(podHandlers, web())).rejects.toThrow(
      'pod default/web: container "sidecar" did not start: error mounting /etc/app: no such file',
    );
    expect(await leftOver()).toEqual({ containers: [], volumes: [] });
  });

  it("gives the address back: the next pod gets the lowest one again", async () => {
    engine.current().container.failStart(appContainerName(identity(), "app"), "exec format error");
    await expect(checkedCreate(podHandlers, web())).rejects.toThrow('container "app" did not start');
    const created = await checkedCreate(podHandlers, web());
    expect(created.outs.podIP).toBe(FIRST_POD_IP);
  });

  it("a sandbox that does not start: nothing is left, and the error says so", async () => {
    engine.current().container.failStart(sandboxName(identity()), "driver failed programming external connectivity");
    await expect(checkedCreate(podHandlers, web())).rejects.toThrow(
      "pod default/web: the pod sandbox did not start: driver failed programming external connectivity",
    );
    expect(await leftOver()).toEqual({ containers: [], volumes: [] });
  });

  it("a created pod keeps its containers and volume (the checks above are not vacuous)", async () => {
    await checkedCreate(podHandlers, web());
    const { containers, volumes } = await leftOver();
    expect(containers.sort()).toEqual(
      [sandboxName(identity()), appContainerName(identity(), "app"), appContainerName(identity(), "sidecar")].sort(),
    );
    expect(volumes).toHaveLength(1);
  });
});
