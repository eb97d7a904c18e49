// The one implementation of the seam's interfaces for a real engine, over one dockerode client.
import type Dockerode from "dockerode";
import type { DockerClients } from "../clients";
import type { EngineInfo } from "../types";
import { dockerodeContainers } from "./container";
import { dockerodeImages } from "./image";
import { dockerodeSession } from "./session";
import { dockerodeSwarm } from "./swarm";

export function dockerodeClients(docker: Dockerode): DockerClients {
  return {
    container: dockerodeContainers(docker),
    network: {
      create: async (options) => (await docker.createNetwork(options)).id,
      inspect: (id) => docker.getNetwork(id).inspect(),
      remove: async (id) => void (await docker.getNetwork(id).remove()),
      list: () => docker.listNetworks(),
    },
    volume: {
      create: async (options) => void (await docker.createVolume(options)),
      remove: async (name) => void (await docker.getVolume(name).remove()),
      list: async (labelFilters) =>
        ((await docker.listVolumes({ filters: { label: labelFilters } })).Volumes ?? []).map((v) => ({
          Name: v.Name,
          Labels: v.Labels ?? {},
        })),
    },
    image: dockerodeImages(docker),
    swarm: dockerodeSwarm(docker),
    system: {
      info: () => docker.info() as Promise<EngineInfo>,
      ping: async () => void (await docker.ping()),
    },
    session: dockerodeSession(docker),
  };
}
