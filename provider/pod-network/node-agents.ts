// A cluster network has no home for its services and names: every node runs the network's node agent and
// a DNS container of its own, as every Kubernetes node runs kube-proxy and NodeLocal DNSCache. The home
// node's DNS holds the cluster DNS address; each other node's DNS takes an address of the node's own pod
// block, and that node's agent translates the cluster DNS address to it in the node's pods, so pods keep
// one nameserver and names resolve on every node that runs.
import type { ClusterLayout, ClusterSpec, NodeBlock } from "../../core/types";
import type { Owner } from "../../core/owner";
import { nodeLayout } from "../../core/node-blocks";
import { onEngineUnlessLost } from "../docker/client";
import * as containers from "../docker/containers";
import { messageOf } from "../docker/errors";
import { NETUTIL_IMAGE } from "../docker/netutil";
import { ensureImageOnNode } from "../cluster/image-copy";
import { AgentChange, agentDrift, AGENT_IMAGE, ensureAgent, removeAgent } from "../agent/agent-container";
import type { ClusterEntry } from "../agent/contract";
import { entryKey, holdTrue } from "../agent/desired-state";
import { log } from "../log";
import { clusterDnsConfig, clusterDnsName, removeClusterDns } from "./cluster-dns";
import { startOnFreeAddress } from "./ipam";

export interface NodeAgentsSpec {
  network: string;
  owner: Owner | undefined;
  layout: ClusterLayout;
  cluster: ClusterSpec;
  /** The cluster DNS address, which the home node's DNS holds. */
  dnsIP: string | undefined;
}

/**
 * Pure: what one node's agent is told of the cluster. `dnsOf` holds each node's DNS address, where its agent
 * tells the others its pods' readiness; a node the provider could not reach has none.
 */
export function clusterEntry(spec: NodeAgentsSpec, node: string, dnsOf: ReadonlyMap<string, string>): ClusterEntry {
  const addressOf = new Map(spec.cluster.nodes.map((n) => [n.name, n.advertiseAddr]));
  const localDns = dnsOf.get(node);
  return {
    version: 1,
    kind: "cluster",
    network: spec.network,
    node,
    // A node that left the cluster's list (the home keeps its place) has no address; it is nobody's peer.
    nodes: spec.layout.nodes
      .filter((n) => addressOf.has(n.name))
      .map((n) => ({
        name: n.name,
        podCidr: n.podCidr,
        address: addressOf.get(n.name)!,
        ...(dnsOf.has(n.name) ? { dns: dnsOf.get(n.name)! } : {}),
      })),
    ...(spec.dnsIP && localDns
      ? { dns: { clusterIP: spec.dnsIP, local: localDns, container: clusterDnsName(spec.network) } }
      : {}),
  };
}

export function clusterEntryKey(network: string): string {
  return entryKey("cluster", network);
}

/**
 * Starts or upgrades the agent (and the DNS) on every node that answers, and tells each where it stands;
 * says what it had to do. Every node's DNS comes first, so that each agent's entry names every other
 * node's DNS address. A node that does not answer is skipped with a warning: the next up reaches it.
 */
export async function ensureNodeAgents(spec: NodeAgentsSpec): Promise<AgentChange> {
  const dnsOf = new Map<string, string>();
  const onEveryNode = (step: (node: NodeBlock) => Promise<AgentChange>) =>
    Promise.all(
      spec.layout.nodes.map((node) =>
        onEngineUnlessLost(
          node,
          () => step(node),
          (err): AgentChange => {
            log.warn(
              `PodNetwork "${spec.network}": node "${node.name}" does not answer (${messageOf(err)}); its node agent is started by the next up`,
            );
            return "current";
          },
        ),
      ),
    );
  await onEveryNode(async (node) => {
    await ensureImageOnNode(AGENT_IMAGE, "Never", node, spec.layout);
    const home = node.name === spec.layout.home.name;
    const dns = home ? spec.dnsIP : spec.dnsIP && (await ensureNodeDns(spec, node));
    if (dns) dnsOf.set(node.name, dns);
    return "current";
  });
  const changes = await onEveryNode(async (node) => {
    const change = await ensureAgent(spec.network, spec.owner, spec.dnsIP ? clusterDnsName(spec.network) : undefined);
    await holdTrue(spec.network, clusterEntryKey(spec.network), clusterEntry(spec, node.name, dnsOf));
    return change;
  });
  return changes.includes("upgraded") ? "upgraded" : changes.includes("started") ? "started" : "current";
}

/** The DNS container of a node other than the home: started on an address of the node's block if missing. */
async function ensureNodeDns(spec: NodeAgentsSpec, node: NodeBlock): Promise<string> {
  const name = clusterDnsName(spec.network);
  const existing = await containers.inspectContainer(name);
  const address = existing?.NetworkSettings?.Networks?.[spec.network]?.IPAMConfig?.IPv4Address;
  if (existing && address) return address;
  if (existing) await removeClusterDns(spec.network, spec.owner);
  await ensureImageOnNode(NETUTIL_IMAGE, "Never", node, spec.layout);
  const started = await startOnFreeAddress(
    { network: spec.network, nodeLayout: nodeLayout(spec.layout.cidr, node.podCidr) },
    "pod",
    (ip) => containers.createContainer(clusterDnsConfig(spec.network, ip, spec.owner)),
    (id) => containers.startContainer(id, name),
    containers.removeContainer,
  );
  return started.address;
}

/** Removes the agent everywhere, and the DNS from every node but the home, whose DNS goes with the network. */
export async function removeNodeAgents(
  network: string,
  owner: Owner | undefined,
  nodes: readonly NodeBlock[],
  home: NodeBlock,
): Promise<void> {
  await Promise.all(
    nodes.map((node) =>
      onEngineUnlessLost(
        node,
        async () => {
          await removeAgent(network, owner);
          if (node.name !== home.name) await removeClusterDns(network, owner);
        },
        () => log.warn(`PodNetwork "${network}": node "${node.name}" does not answer; its node agent stays there`),
      ),
    ),
  );
}

/** What `up` would have to do for the agents of the nodes that answer. */
export async function nodeAgentsDrift(network: string, nodes: readonly NodeBlock[]): Promise<AgentChange> {
  const drifts = await Promise.all(
    nodes.map((node) =>
      onEngineUnlessLost(
        node,
        () => agentDrift(network),
        (): AgentChange => "current",
      ),
    ),
  );
  return drifts.includes("upgraded") ? "upgraded" : drifts.includes("started") ? "started" : "current";
}
