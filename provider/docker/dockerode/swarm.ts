// SwarmClient over dockerode. dockerode types these calls loosely; the shapes are Docker's Swarm API.
import type Dockerode from "dockerode";
import type { SwarmClient } from "../clients";
import type { SwarmInspectInfo, SwarmNodeInfo } from "../types";

export function dockerodeSwarm(docker: Dockerode): SwarmClient {
  return {
    init: async (options) => void (await docker.swarmInit(options)),
    join: async (options) => void (await docker.swarmJoin(options)),
    leave: async () => void (await docker.swarmLeave({ force: true })),
    inspect: () => docker.swarmInspect() as Promise<SwarmInspectInfo>,
    listNodes: () => docker.listNodes() as Promise<SwarmNodeInfo[]>,
    inspectNode: (id) => docker.getNode(id).inspect() as Promise<SwarmNodeInfo>,
    updateNode: async (id, version, spec) => void (await docker.getNode(id).update({ version, ...spec })),
    update: async (version, spec) => void (await docker.swarmUpdate({ version, ...spec })),
    removeNode: async (id) => void (await docker.getNode(id).remove({ force: true })),
  };
}
