// Pod addresses. Pods get fixed addresses (so they keep them across restarts of the container or the
// daemon), chosen here as the lowest free one. The book of used addresses is loaded from Docker once per
// network and kept in this process, so parallel creates in one `pulumi up` never pick the same address.
// Another process (a second stack) can still race us: Docker then refuses the start with "Address already
// in use", and the caller marks the address taken and asks again.
//
// On a cluster network, each node's pods take addresses from the node's own block, so one node's book only
// needs what that node's engine shows: the book belongs to the network on the current engine.
import { engineNode } from "../docker/client";
import { listContainers } from "../docker/containers";
import { isAddressConflict } from "../docker/errors";
import { inspectNetwork } from "../docker/networks";
import { LABEL } from "../labels";
import { addressCount, layoutOf, NetworkLayout, lowestFree } from "../../core/cidr";

interface AddressBook {
  /** The whole network's layout; a cluster node's pods narrow it with their AddressSpace's nodeLayout. */
  layout: NetworkLayout;
  used: Set<string>;
}

const books = new Map<string, Promise<AddressBook>>();

export class NetworkNotFoundError extends Error {}

/** Where addresses come from: a network, narrowed to one node's block on a cluster. */
export interface AddressSpace {
  network: string;
  /** A cluster node's view of the network (its block for pods); the engine is engineNode(). */
  nodeLayout?: NetworkLayout;
}

export async function networkLayout(space: AddressSpace): Promise<NetworkLayout> {
  return space.nodeLayout ?? (await book(space)).layout;
}

export type AddressKind = "pod" | "service";

/** Reserves the lowest free address of a kind; release it if the object is not created after all. */
export async function reserveAddress(space: AddressSpace, kind: AddressKind): Promise<string> {
  const network = space.network;
  const { used } = await book(space);
  const layout = await networkLayout(space);
  const [first, last] = kind === "pod" ? [layout.podFirst, layout.podLast] : [layout.serviceFirst, layout.serviceLast];
  if (!first || !last)
    throw new Error(
      `PodNetwork "${network}" (${layout.cidr}) is smaller than a /26 and has no service range; use a larger cidr for services`,
    );
  const address = lowestFree(first, last, used);
  if (!address) {
    const size = addressCount(first, last);
    throw new Error(
      `PodNetwork "${network}" has no free ${kind} address: all ${size} addresses of ${first}-${last} (${layout.cidr}) are taken; use a larger cidr`,
    );
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
  space: AddressSpace,
  kind: AddressKind,
  create: (address: string) => Promise<string>,
  start: (id: string) => Promise<void>,
  remove: (id: string) => Promise<void>,
): Promise<{ id: string; address: string }> {
  for (let attempt = 1; ; attempt++) {
    const address = await reserveAddress(space, kind);
    let id: string | undefined;
    try {
      id = await create(address);
      await start(id);
      return { id, address };
    } catch (err) {
      if (id) await remove(id);
      if (id && isAddressConflict(err) && attempt < ADDRESS_ATTEMPTS) {
        // Taken by another process: skip it from now on, and learn what else that process took since
        // the book was loaded (a second stack creating pods in parallel takes many).
        const { used } = await book(space);
        used.add(address);
        for (const taken of await takenOnEngine(space.network)) used.add(taken);
        continue;
      }
      await releaseAddress(space, address);
      throw err;
    }
  }
}

// A retry, not a wait: each conflict means another process took that address meanwhile, and the next
// attempt at once takes the next free one after what Docker shows taken now. Eight such races in a row
// would mean something else is wrong.
const ADDRESS_ATTEMPTS = 8;

export async function releaseAddress(space: AddressSpace, address: string): Promise<void> {
  const existing = books.get(keyOf(space.network));
  if (existing) (await existing).used.delete(address);
}

/** Forgets what this process knows of a network (on the current engine), after it was created or removed. */
export function forgetNetwork(network: string): void {
  books.delete(keyOf(network));
}

function keyOf(network: string): string {
  return `${network}@${engineNode()?.dockerHost ?? ""}`;
}

function book(space: AddressSpace): Promise<AddressBook> {
  const key = keyOf(space.network);
  let loaded = books.get(key);
  if (!loaded) {
    loaded = load(space);
    books.set(key, loaded);
    loaded.catch(() => books.delete(key));
  }
  return loaded;
}

async function load({ network, nodeLayout }: AddressSpace): Promise<AddressBook> {
  // A worker node knows an overlay network only once a container of its own joined it.
  const info = await inspectNetwork(network);
  const subnet = info?.IPAM?.Config?.[0]?.Subnet;
  if (!nodeLayout && (!info || !subnet))
    throw new NetworkNotFoundError(
      `PodNetwork "${network}" does not exist on the Docker host (was it removed outside Pulumi? run pulumi refresh, then pulumi up)`,
    );
  // One book serves every caller on this engine (services and the home node's pods share it), so it
  // keeps the network's layout, not the node's.
  const layout = layoutOf(subnet ?? nodeLayout!.cidr);
  const used = new Set<string>([layout.gateway, ...(layout.dnsIP ? [layout.dnsIP] : [])]);
  for (const taken of await takenOnEngine(network, info)) used.add(taken);
  return { layout, used };
}

/** The network's addresses that containers on this engine hold, running or stopped. */
async function takenOnEngine(network: string, info?: Awaited<ReturnType<typeof inspectNetwork>>): Promise<string[]> {
  const taken: string[] = [];
  for (const endpoint of Object.values((info ?? (await inspectNetwork(network)))?.Containers ?? {})) {
    if (endpoint.IPv4Address) taken.push(endpoint.IPv4Address.split("/")[0]);
  }
  // Stopped pods hold their fixed address too, though Docker shows them on no endpoint.
  for (const c of await listContainers([`${LABEL.network}=${network}`])) {
    const fixed = c.NetworkSettings?.Networks?.[network]?.IPAMConfig?.IPv4Address;
    if (fixed) taken.push(fixed);
  }
  return taken;
}
