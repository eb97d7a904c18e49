// Pod addresses. Pods get fixed addresses (so they keep them across restarts of the container or the
// daemon), chosen here as the lowest free one. The book of used addresses is loaded from Docker once per
// network and kept in this process, so parallel creates in one `pulumi up` never pick the same address.
// Another process (a second stack) can still race us: Docker then refuses the start with "Address already
// in use", and the caller marks the address taken and asks again.
import { listContainers } from "../docker/containers";
import { isAddressConflict } from "../docker/errors";
import { inspectNetwork } from "../docker/networks";
import { LABEL } from "../labels";
import { addressCount, layoutOf, NetworkLayout, lowestFree } from "../net/cidr";

interface AddressBook {
  layout: NetworkLayout;
  used: Set<string>;
}

const books = new Map<string, Promise<AddressBook>>();

export class NetworkNotFoundError extends Error {}

export async function networkLayout(network: string): Promise<NetworkLayout> {
  return (await book(network)).layout;
}

export type AddressKind = "pod" | "service";

/** Reserves the lowest free address of a kind; release it if the object is not created after all. */
export async function reserveAddress(network: string, kind: AddressKind): Promise<string> {
  const { layout, used } = await book(network);
  const [first, last] = kind === "pod" ? [layout.podFirst, layout.podLast] : [layout.serviceFirst, layout.serviceLast];
  if (!first || !last) throw new Error(`PodNetwork "${network}" (${layout.cidr}) is smaller than a /26 and has no service range; use a larger cidr for services`);
  const address = lowestFree(first, last, used);
  if (!address) {
    const size = addressCount(first, last);
    throw new Error(`PodNetwork "${network}" has no free ${kind} address: all ${size} addresses of ${first}-${last} (${layout.cidr}) are taken; use a larger cidr`);
  }
  used.add(address);
  return address;
}

/**
 * Creates and starts a container on the lowest free address, skipping addresses another process took
 * since the book was loaded (Docker refuses those with "Address already in use"). Other failures release
 * the address, remove the container and are rethrown.
 */
export async function startOnFreeAddress(
  network: string,
  kind: AddressKind,
  create: (address: string) => Promise<string>,
  start: (id: string) => Promise<void>,
  remove: (id: string) => Promise<void>,
): Promise<{ id: string; address: string }> {
  for (let attempt = 1; ; attempt++) {
    const address = await reserveAddress(network, kind);
    let id: string | undefined;
    try {
      id = await create(address);
      await start(id);
      return { id, address };
    } catch (err) {
      if (id) await remove(id);
      if (id && isAddressConflict(err) && attempt < ADDRESS_ATTEMPTS) {
        (await book(network)).used.add(address); // taken by another process: skip it from now on
        continue;
      }
      await releaseAddress(network, address);
      throw err;
    }
  }
}

const ADDRESS_ATTEMPTS = 8;

export async function releaseAddress(network: string, address: string): Promise<void> {
  const existing = books.get(network);
  if (existing) (await existing).used.delete(address);
}

/** Forgets what this process knows of a network, after it was created or removed. */
export function forgetNetwork(network: string): void {
  books.delete(network);
}

function book(network: string): Promise<AddressBook> {
  let loaded = books.get(network);
  if (!loaded) {
    loaded = load(network);
    books.set(network, loaded);
    loaded.catch(() => books.delete(network));
  }
  return loaded;
}

async function load(network: string): Promise<AddressBook> {
  const info = await inspectNetwork(network);
  const subnet = info?.IPAM?.Config?.[0]?.Subnet;
  if (!info || !subnet) throw new NetworkNotFoundError(`PodNetwork "${network}" does not exist on the Docker host (was it removed outside Pulumi? run pulumi refresh, then pulumi up)`);
  const layout = layoutOf(subnet);
  const used = new Set<string>([layout.gateway, ...(layout.dnsIP ? [layout.dnsIP] : [])]);
  for (const endpoint of Object.values(info.Containers ?? {})) {
    if (endpoint.IPv4Address) used.add(endpoint.IPv4Address.split("/")[0]);
  }
  // Stopped pods hold their fixed address too, though Docker shows them on no endpoint.
  for (const c of await listContainers([`${LABEL.network}=${network}`])) {
    const fixed = c.NetworkSettings?.Networks?.[network]?.IPAMConfig?.IPv4Address;
    if (fixed) used.add(fixed);
  }
  return { layout, used };
}
