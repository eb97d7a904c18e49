// An in-memory Docker engine behind the seam's interfaces, for unit tests of the runtime without Docker.
// It lives under test/ because the provider never needs it: the provider package ships only the
// dockerode implementation. Install it with useFakeDocker() in a describe block; it is removed after each test.
import { replaceClients } from "../../../provider/docker/client";
import type { DockerClients, SessionClient, SwarmClient } from "../../../provider/docker/clients";
import { FakeContainers } from "./containers";
import { dockerError } from "./errors";
import { FakeImages } from "./images";
import { FakeNetworks } from "./networks";
import { FakeVolumes } from "./volumes";

export class FakeDocker implements DockerClients {
  readonly image = new FakeImages();
  readonly container = new FakeContainers((ref) => this.image.has(ref));
  readonly network = new FakeNetworks(this.container);
  readonly volume = new FakeVolumes(this.container);
  readonly swarm = noSwarm();
  readonly system = {
    info: async () => ({ NCPU: 2, MemTotal: 4 * 2 ** 30, Swarm: { LocalNodeState: "inactive" } }),
    ping: async () => undefined,
  };
  readonly session = noSession();
}

/** Logs, attached execs and events belong to the CLI, which is tested against the real engine. */
function noSession(): SessionClient {
  const refuse = async (): Promise<never> => {
    throw dockerError(501, "the fake engine streams no logs, attached execs or events");
  };
  return { logs: refuse, execAttached: refuse, events: refuse };
}

/** One engine; cluster code, which needs several and a Swarm, is covered by the e2e tests. */
function noSwarm(): SwarmClient {
  const refuse = async (): Promise<never> => {
    throw dockerError(503, "This node is not a swarm manager (the fake engine has no Swarm)");
  };
  return {
    init: refuse,
    join: refuse,
    leave: refuse,
    inspect: refuse,
    listNodes: refuse,
    inspectNode: refuse,
    updateNode: refuse,
    update: refuse,
    removeNode: refuse,
  };
}

/** A fresh fake engine for each test of the enclosing describe block; `current()` is the one in use. */
export function useFakeDocker(): { current: () => FakeDocker } {
  let fake: FakeDocker | undefined;
  let undo: (() => void) | undefined;
  beforeEach(() => {
    fake = new FakeDocker();
    undo = replaceClients(() => fake!);
  });
  afterEach(() => undo?.());
  return { current: () => fake! };
}
