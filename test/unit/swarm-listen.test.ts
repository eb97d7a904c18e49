// Swarm's management port listens on each node's advertise address, never on every interface: the
// options Podling gives `swarm init` and `swarm join`, on engines that record them.
import type { Engine } from "../../provider/docker/client";
import { replaceClients } from "../../provider/docker/client";
import type { DockerClients } from "../../provider/docker/clients";
import type { SwarmInitOptions, SwarmJoinOptions } from "../../provider/docker/types";
import { formSwarm } from "../../provider/cluster/swarm";
import { checkCluster } from "../../provider/cluster/check";

/** One engine's Swarm, as much of it as forming a Swarm asks; it records the options it was given. */
function recordingEngine(
  name: string,
  calls: Array<{ node: string; init?: SwarmInitOptions; join?: SwarmJoinOptions }>,
): DockerClients {
  let addr: string | undefined;
  let manager = false;
  const refuse = async (): Promise<never> => {
    throw new Error("not used by formSwarm");
  };
  return {
    system: {
      info: async () => ({
        Swarm: addr
          ? {
              NodeID: `id-${name}`,
              LocalNodeState: "active",
              NodeAddr: addr,
              ControlAvailable: manager,
              ...(manager ? { Cluster: { ID: "swarm" } } : {}),
            }
          : { LocalNodeState: "inactive" },
      }),
      ping: async () => undefined,
    },
    swarm: {
      init: async (init: SwarmInitOptions) => {
        calls.push({ node: name, init });
        addr = init.AdvertiseAddr;
        manager = true;
      },
      join: async (join: SwarmJoinOptions) => {
        calls.push({ node: name, join });
        addr = join.AdvertiseAddr;
      },
      inspect: async () => ({
        ID: "swarm",
        JoinTokens: { Manager: "m-token", Worker: "w-token" },
        Version: { Index: 1 },
        Spec: { Labels: {} },
      }),
      update: async () => undefined,
      inspectNode: async () => ({ Version: { Index: 1 }, Spec: { Labels: {} } }),
      updateNode: async () => undefined,
      leave: refuse,
      listNodes: refuse,
      removeNode: refuse,
    },
  } as unknown as DockerClients;
}

describe("forming a Swarm", () => {
  it("init and join listen on the node's advertise address (TCP 2377), not 0.0.0.0", async () => {
    const calls: Array<{ node: string; init?: SwarmInitOptions; join?: SwarmJoinOptions }> = [];
    const engines = new Map<string, DockerClients>();
    const undo = replaceClients((engine: Engine | undefined) => {
      const name = engine!.name;
      if (!engines.has(name)) engines.set(name, recordingEngine(name, calls));
      return engines.get(name)!;
    });
    try {
      const nodes = [
        { name: "n1", dockerHost: "unix:///run/n1.sock", advertiseAddr: "10.213.0.11" },
        { name: "n2", dockerHost: "unix:///run/n2.sock", advertiseAddr: "10.213.0.12" },
      ];
      await formSwarm({ name: "lab", nodes, managers: 1 });
    } finally {
      undo();
    }
    expect(calls.map((c) => [c.node, (c.init ?? c.join)?.ListenAddr, (c.init ?? c.join)?.AdvertiseAddr])).toEqual([
      ["n1", "10.213.0.11:2377", "10.213.0.11"],
      ["n2", "10.213.0.12:2377", "10.213.0.12"],
    ]);
    expect(calls[1].join?.RemoteAddrs).toEqual(["10.213.0.11:2377"]);
  });

  it("a node without advertiseAddr is refused at preview: there is no address to bind to", () => {
    expect(
      checkCluster({ name: "lab", nodes: [{ name: "n1", dockerHost: "unix:///run/n1.sock" }], managers: 1 }).failures,
    ).toEqual([
      {
        property: "nodes[0].advertiseAddr",
        reason: expect.stringMatching(/^is required: .*TCP 2377\) listens on it alone rather than on every interface/),
      },
    ]);
  });
});
