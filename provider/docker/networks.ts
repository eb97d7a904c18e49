// Narrow network operations over dockerode. "Already gone" is success for remove.
import type Dockerode from "dockerode";
import { docker } from "./client";
import { isNotFound } from "./errors";
import { logged, VERB } from "./logged";

export type NetworkInfo = Dockerode.NetworkInspectInfo;

export async function createNetwork(options: Dockerode.NetworkCreateOptions): Promise<string> {
  const network = await logged(VERB.create, `network "${options.Name}"`, () => docker().createNetwork(options));
  return network.id;
}

export async function inspectNetwork(idOrName: string): Promise<NetworkInfo | undefined> {
  try {
    return await docker().getNetwork(idOrName).inspect();
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

export async function removeNetwork(idOrName: string): Promise<void> {
  try {
    await logged(VERB.remove, `network ${idOrName}`, () => docker().getNetwork(idOrName).remove());
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}

export async function listNetworks(): Promise<Dockerode.NetworkInspectInfo[]> {
  return docker().listNetworks();
}
