// How a cluster network's pod CIDR is cut into one /24 per node, as Kubernetes' node IPAM does, so a pod's
// address tells its node. Pure, on ip-num.
//
//   [ node blocks ... | one block for Docker's own endpoints | service range (the last eighth) ]
//
// Swarm gives every node a load-balancer endpoint on an overlay network, from the addresses it may pick
// freely; the network's ip-range confines those to the reserved block, so they never take a pod address.
import { IPv4, IPv4CidrRange, IPv4Prefix } from "ip-num";
import type { NodeBlock } from "./types";
import { layoutOf, NetworkLayout, prefixOf } from "./cidr";

export const NODE_BLOCK_PREFIX = 24;
/** A /21 holds the service range, Docker's block and six node blocks. */
export const MAX_CLUSTER_PREFIX = 21;

/** The /24 blocks below the service range, in address order; the last one is Docker's. */
function blocksOf(cidr: string): string[] {
  const layout = layoutOf(cidr);
  const end = IPv4.fromString(layout.serviceCidr ? layout.dnsIP! : layout.podLast).getValue();
  const size = 1n << BigInt(32 - NODE_BLOCK_PREFIX);
  const blocks: string[] = [];
  for (let start = IPv4CidrRange.fromCidr(cidr).getFirst().getValue(); start + size <= end; start += size) {
    blocks.push(
      new IPv4CidrRange(IPv4.fromNumber(start), IPv4Prefix.fromNumber(BigInt(NODE_BLOCK_PREFIX))).toCidrString(),
    );
  }
  return blocks;
}

/** The block Swarm's own endpoints take their addresses from (the overlay network's ip-range). */
export function engineBlock(cidr: string): string {
  const blocks = blocksOf(cidr);
  return blocks[blocks.length - 1];
}

export function nodeBlockCapacity(cidr: string): number {
  return Math.max(0, blocksOf(cidr).length - 1);
}

/**
 * Gives every node a block: a node keeps the block it had, a new node takes the lowest free one, and a
 * removed node's block is free again. Throws when the CIDR has no block left.
 */
export function assignBlocks(
  cidr: string,
  nodes: ReadonlyArray<{ name: string; dockerHost: string }>,
  previous: readonly NodeBlock[] = [],
): NodeBlock[] {
  const candidates = blocksOf(cidr).slice(0, -1);
  const kept = new Map(previous.filter((b) => candidates.includes(b.podCidr)).map((b) => [b.name, b.podCidr]));
  const taken = new Set<string>();
  for (const node of nodes) if (kept.has(node.name)) taken.add(kept.get(node.name)!);
  return nodes.map((node) => {
    let podCidr = kept.get(node.name);
    if (!podCidr) {
      podCidr = candidates.find((b) => !taken.has(b));
      if (!podCidr)
        throw new Error(
          `cidr ${cidr} has room for ${candidates.length} node blocks (/${NODE_BLOCK_PREFIX}) and the cluster has ${nodes.length} nodes; use a larger cidr`,
        );
      taken.add(podCidr);
    }
    return { name: node.name, dockerHost: node.dockerHost, podCidr };
  });
}

/** The network's layout as one node sees it: pods from the node's block (.2 to .254), services and DNS shared. */
export function nodeLayout(networkCidr: string, podCidr: string): NetworkLayout {
  const block = IPv4CidrRange.fromCidr(podCidr);
  return {
    ...layoutOf(networkCidr),
    podFirst: IPv4.fromNumber(block.getFirst().getValue() + 2n).toString(),
    podLast: IPv4.fromNumber(block.getLast().getValue() - 1n).toString(),
  };
}

export function isClusterSized(cidr: string): boolean {
  return prefixOf(IPv4CidrRange.fromCidr(cidr)) <= MAX_CLUSTER_PREFIX;
}
