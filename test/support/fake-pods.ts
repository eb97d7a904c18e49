// A fake engine (fake-docker/) prepared to run pods: Podling's own images, a busybox-like workload image
// and a pod network. Each call gives a new network name, because the provider keeps one address book per
// network name for the whole process.
import { INIT_IMAGE } from "../../provider/pod/init-tools";
import { PAUSE_IMAGE } from "../../provider/pod/sandbox-config";
import type { FakeDocker } from "./fake-docker";
import { TOOLBOX } from "./workloads";

let networks = 0;

/** The pod network's name; its pods get addresses from 10.244.0.0/24. */
export async function preparePodEngine(fake: FakeDocker): Promise<string> {
  for (const ref of [PAUSE_IMAGE, INIT_IMAGE]) fake.image.add(ref, { Cmd: ["/pause"] });
  fake.image.add(TOOLBOX, { Cmd: ["sh"] });
  const network = `unit-net-${++networks}`;
  await fake.network.create({ Name: network, IPAM: { Config: [{ Subnet: "10.244.0.0/24" }] } });
  return network;
}
