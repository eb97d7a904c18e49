// Before a create, containers that carry the pod's labels and this resource's owner but that Pulumi does
// not track (left by an interrupted run) are removed, since they would block the names; another pod's
// containers are not touched (sync-pod.ts, removeLeftovers; ownership.test.ts has the other owners'
// cases). Runs against the fake engine, without Docker.
import { ownerLabels, podLabels } from "../../provider/labels";
import { appContainerName, sandboxName } from "../../provider/names";
import { podHandlers } from "../../provider/pod/handlers";
import { PAUSE_IMAGE } from "../../provider/pod/sandbox-config";
import { useFakeDocker } from "../support/fake-docker";
import { preparePodEngine } from "../support/fake-pods";
import { checkedCreate } from "../support/handlers";
import { sleeper, TOOLBOX } from "../support/workloads";

describe("leftovers of a pod (fake engine)", () => {
  const engine = useFakeDocker();
  let network: string;
  beforeEach(async () => {
    network = await preparePodEngine(engine.current());
  });

  const owner = { stack: "org/proj/dev", resource: "0123456789abcdef" };
  /**
   * A container with the labels of pod `namespace/pod` on `net` and this test's owner, made outside Podling's create.
   */
  const leftover = async (net: string, namespace: string, pod: string, role: "infra" | "app") => {
    const id = { network: net, namespace, pod };
    const name = role === "infra" ? sandboxName(id) : appContainerName(id, "app");
    return engine.current().container.create({
      name,
      Image: role === "infra" ? PAUSE_IMAGE : TOOLBOX,
      Labels: { ...podLabels(id, role), ...ownerLabels(owner) },
    });
  };
  const exists = (ids: string[]) =>
    Promise.all(
      ids.map((id) =>
        engine
          .current()
          .container.inspect(id)
          .then(
            () => true,
            () => false,
          ),
      ),
    );

  it("removes untracked containers of the same pod before creating it, whose names they would block", async () => {
    const stale = [
      await leftover(network, "default", "web", "infra"),
      await leftover(network, "default", "web", "app"),
    ];
    const created = await checkedCreate(podHandlers, { network, name: "web", owner, containers: [sleeper("app")] });
    expect(await exists(stale)).toEqual([false, false]);
    expect(created.outs.containerIds.app).toBeDefined();
  });

  it("leaves the containers of another pod alone: another name, namespace or network", async () => {
    const other = await preparePodEngine(engine.current());
    const others = [
      await leftover(network, "default", "web-2", "infra"),
      await leftover(network, "shop", "web", "infra"),
      await leftover(other, "default", "web", "infra"),
    ];
    await checkedCreate(podHandlers, { network, name: "web", owner, containers: [sleeper("app")] });
    expect(await exists(others)).toEqual([true, true, true]);
  });
});
