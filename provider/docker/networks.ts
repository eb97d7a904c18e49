// Network operations, mutations logged (logged.ts). "Already gone" is success for remove.
import { clients } from "./client";
import { isNotFound } from "./errors";
import { logged, VERB } from "./logged";
import type { NetworkCreateOptions, NetworkInspectInfo } from "./types";

export type NetworkInfo = NetworkInspectInfo;

export async function createNetwork(options: NetworkCreateOptions): Promise<string> {
  return logged(VERB.create, `network "${options.Name}"`, () => clients().network.create(options));
}

export async function inspectNetwork(idOrName: string): Promise<NetworkInfo | undefined> {
  try {
    return await clients().network.inspect(idOrName);
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

export async function removeNetwork(idOrName: string): Promise<void> {
  try {
    await logged(VERB.remove, `network ${idOrName}`, () => clients().network.remove(idOrName));
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}

export async function listNetworks(): Promise<NetworkInfo[]> {
  return clients().network.list();
}
