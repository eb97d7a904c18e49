// `podling --cluster`: which engine each Swarm node is read on, and how its node is named.
import { clusterTargets } from "../../provider/cli/cluster-nodes";
import type { SwarmNodeInfo } from "../../provider/docker/types";

const node = (id: string, over: Partial<SwarmNodeInfo> & { socket?: string; podlingName?: string } = {}) => {
  const { socket, podlingName, ...rest } = over;
  return {
    ID: id,
    Version: { Index: 1 },
    Spec: { Role: "manager", Availability: "active", Labels: podlingName ? { "podling.io/node": podlingName } : {} },
    Status: { State: "ready" },
    Description: { Hostname: "vm", Engine: { Labels: socket ? { "podling.io/engine-socket": socket } : {} } },
    ...rest,
  } as SwarmNodeInfo;
};

describe("clusterTargets", () => {
  it("reads the asked engine as the user reached it and the others on their labelled sockets", () => {
    const asked = { name: "tcp://10.0.0.11:2376", dockerHost: "tcp://10.0.0.11:2376" };
    const found = clusterTargets(
      [
        node("id2", { podlingName: "n2", socket: "/run/lab/n2.sock" }),
        node("id1", { podlingName: "n1", socket: "/run/lab/n1.sock" }),
      ],
      { nodeId: "id1", engine: asked },
    );
    expect(found).toEqual({
      targets: [
        { name: "n1", engine: asked },
        { name: "n2", engine: { name: "n2", dockerHost: "unix:///run/lab/n2.sock" } },
      ],
      down: [],
      unreachable: [],
    });
  });

  it("names a node by its host name without a Podling label, and the default engine stays the default", () => {
    expect(clusterTargets([node("id1")], { nodeId: "id1" }).targets).toEqual([{ name: "vm" }]);
  });

  it("skips nodes the Swarm reports down and reports nodes it cannot reach", () => {
    const found = clusterTargets(
      [
        node("id1", { podlingName: "n1" }),
        node("id2", { podlingName: "n2", socket: "/s", Status: { State: "down" } }),
        node("id3", { podlingName: "n3" }),
      ],
      { nodeId: "id1" },
    );
    expect(found).toEqual({ targets: [{ name: "n1" }], down: ["n2"], unreachable: ["n3"] });
  });
});
