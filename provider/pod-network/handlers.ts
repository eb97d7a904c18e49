// PodNetwork: a Docker bridge network with a fixed subnet, shared by the pods so that they reach each
// other by pod IP without NAT. Given a cluster, a Swarm attachable overlay network instead, created
// from the cluster's first node (its home, which holds the cluster DNS address and the service routers),
// with a node agent and a DNS container on every node (node-agents.ts).
import type { ClusterLayout, ClusterSpec, PodNetworkSpec, PodNetworkState } from "../../core/types";
import { Engine, onEngine, onEngineUnlessLost } from "../docker/client";
import { diffByTable } from "../diff/field-table";
import { POD_NETWORK_INPUTS, POD_NETWORK_RULES } from "./diff-table";
import { listContainers } from "../docker/containers";
import { isConflict, messageOf } from "../docker/errors";
import { createNetwork, inspectNetwork, listNetworks, NetworkInfo, removeNetwork } from "../docker/networks";
import { LABEL, networkLabels, ownershipOf } from "../labels";
import { describeOtherOwner } from "../../core/owner";
import { dynamicRangeOf, layoutOf, overlaps } from "../../core/cidr";
import { assignBlocks, engineBlock } from "../../core/node-blocks";
import { isUnknown } from "../check/failures";
import { existingDnsName, removeClusterDns, startClusterDns } from "./cluster-dns";
import { AgentChange, agentDrift, AGENT_IMAGE, ensureAgent, removeAgent } from "../agent/agent-container";
import { forgetNetwork } from "./ipam";
import { ensureNodeAgents, nodeAgentsDrift, removeNodeAgents } from "./node-agents";
import { log } from "../log";
import { compact } from "../check/common";
import { checkPodNetwork } from "./check";
import { DEFAULT_NODE_PORT_ADDRESSES, DEFAULT_NODE_PORT_RANGE } from "../../core/node-ports";
import { checkOwned, pick, pickOwned, ResourceHandlers } from "../handler";

/** Where the network lives: the configured engine, or a cluster's first node (its DNS and routers run there). */
function homeOf(spec: Pick<PodNetworkSpec, "cluster">): Engine | undefined {
  return spec.cluster?.nodes?.[0];
}

export const podNetworkHandlers: ResourceHandlers = {
  check: checkOwned(async (_olds, news) => {
    const result = checkPodNetwork(news);
    const home = homeOf(result.inputs);
    if (
      result.failures.length === 0 &&
      typeof result.inputs.cidr === "string" &&
      !isUnknown(result.inputs.cluster) &&
      !isUnknown(home?.dockerHost)
    ) {
      const clash = await onEngineUnlessLost(
        home,
        () => overlappingDockerNetwork(result.inputs.name, result.inputs.cidr),
        (err) => {
          result.failures.push({
            property: "cluster",
            reason: `node "${home!.name}" (${home!.dockerHost}) does not answer: ${messageOf(err)}`,
          });
          return undefined;
        },
      );
      if (clash)
        result.failures.push({
          property: "cidr",
          reason: `${result.inputs.cidr} overlaps Docker network "${clash.name}" (${clash.subnet}); choose a CIDR that does not`,
        });
    }
    return result;
  }),

  async diff(_id, olds, news) {
    const result = diffByTable(olds, news, POD_NETWORK_INPUTS, POD_NETWORK_RULES);
    // A node agent that is missing, stopped or older than this provider is an update of the network.
    const agentStale = result.replaces.length === 0 && getsAgent(olds) && (await driftOf(olds)) !== "current";
    return { changes: result.changes || agentStale, replaces: result.replaces, deleteBeforeReplace: true };
  },

  async create(inputs) {
    const spec = pickOwned(inputs, POD_NETWORK_INPUTS) as unknown as PodNetworkSpec;
    const clusterLayout = spec.cluster && layoutOnCluster(spec.cidr, spec.cluster);
    const state = await onEngine(clusterLayout?.home, () => createNetworkHere(spec, clusterLayout));
    return { id: state.networkId, outs: state };
  },

  async read(id, props) {
    const state = props as Partial<PodNetworkState>;
    return onEngine(state.clusterLayout?.home, async () => {
      const info = await inspectNetwork(id);
      if (!info) return {};
      // PodNetwork.get(): nothing is known but the id, so the state comes from Docker.
      if (props.networkName === undefined) return { id: info.Id, props: stateOfExisting(info) };
      const agent = getsAgent(props) && (await driftOf(props)) === "current" ? AGENT_IMAGE : undefined;
      return { id, props: compact({ ...props, internal: info.Internal ?? false, agent }) };
    });
  },

  async update(_id, olds, news) {
    const spec = pick(news, POD_NETWORK_INPUTS) as unknown as PodNetworkSpec;
    const previous = (olds as Partial<PodNetworkState>).clusterLayout;
    const { steps } = diffByTable(olds, news, POD_NETWORK_INPUTS, POD_NETWORK_RULES);
    // Nodes joined or left: each keeps its block, a new one takes the lowest free block.
    const nodes =
      previous && spec.cluster && steps.includes("blocks")
        ? assignBlocks(spec.cidr, spec.cluster.nodes, previous.nodes)
        : undefined;
    // The home stays the same node even if it left the list (its DNS and routers are still there).
    const clusterLayout =
      previous && nodes
        ? { ...previous, nodes, home: nodes.find((n) => n.name === previous.home.name) ?? previous.home }
        : previous;
    // The stored owner, as the network's objects carry it: an update's inputs hold none (handler.ts).
    const owner = (olds as Partial<PodNetworkState>).owner;
    const name = String(olds.networkName);
    if (previous && clusterLayout) {
      // A node that left the cluster takes its agent and DNS with it (the home's stay with the network).
      const left = previous.nodes.filter((n) => !clusterLayout.nodes.some((m) => m.name === n.name));
      await removeNodeAgents(name, owner, left, clusterLayout.home);
    }
    // A cluster network's agents run on its nodes, never on the configured engine.
    const agent = !getsAgent(olds)
      ? undefined
      : clusterLayout
        ? await startNodeAgents(name, owner, clusterLayout, spec.cluster, olds.dnsIP as string | undefined)
        : await startAgent(name, owner, olds.dnsIP !== undefined);
    return { outs: compact({ ...olds, ...spec, clusterLayout, agent }) };
  },

  async delete(id, props) {
    const state = props as Partial<PodNetworkState>;
    const name = String(state.networkName ?? id);
    try {
      await assertUnused(name, state.clusterLayout);
      if (state.clusterLayout)
        await removeNodeAgents(name, state.owner, state.clusterLayout.nodes, state.clusterLayout.home);
      await onEngine(state.clusterLayout?.home, async () => {
        await removeAgent(name, state.owner);
        await removeClusterDns(name, state.owner, id);
        await removeNetwork(id);
      });
    } finally {
      await Promise.all(
        (state.clusterLayout?.nodes ?? [undefined]).map((node) => onEngine(node, async () => forgetNetwork(name))),
      );
    }
  },
};

/** Every network made by this provider has a node agent: on one engine, or on each node of its cluster. */
function getsAgent(state: Record<string, unknown>): boolean {
  return typeof state.networkName === "string";
}

/** Whether the network's agents run the current image: what `up` would have to do, without doing it. */
function driftOf(state: Record<string, unknown>): Promise<AgentChange> {
  const layout = (state as Partial<PodNetworkState>).clusterLayout;
  return layout ? nodeAgentsDrift(String(state.networkName), layout.nodes) : agentDrift(String(state.networkName));
}

/** Starts or upgrades the agents of a cluster network; the image they run, for the state. */
async function startNodeAgents(
  network: string,
  owner: PodNetworkSpec["owner"],
  layout: ClusterLayout,
  cluster: ClusterSpec | undefined,
  dnsIP: string | undefined,
): Promise<string> {
  if (!cluster) throw new Error(`PodNetwork "${network}": a cluster network's inputs lack its cluster`);
  const change = await ensureNodeAgents({ network, owner, layout, cluster, dnsIP }).catch((err) => {
    throw new Error(`PodNetwork "${network}": the node agents did not start: ${messageOf(err)}`);
  });
  if (change !== "current") log.warn(`PodNetwork "${network}": node agents ${change} (${AGENT_IMAGE})`);
  return AGENT_IMAGE;
}

/** Starts or upgrades the network's agent; the image it runs, for the state. */
async function startAgent(network: string, owner: PodNetworkSpec["owner"], withDns: boolean): Promise<string> {
  const dnsName = withDns ? await existingDnsName(network) : undefined;
  const change = await ensureAgent(network, owner, dnsName).catch((err) => {
    throw new Error(`PodNetwork "${network}": the node agent did not start: ${messageOf(err)}`);
  });
  if (change !== "current") log.warn(`PodNetwork "${network}": node agent ${change} (${AGENT_IMAGE})`);
  return AGENT_IMAGE;
}

/** A cluster network's blocks: one per node, in the cluster's node order; the first node is home. */
function layoutOnCluster(cidr: string, cluster: ClusterSpec): ClusterLayout {
  const nodes = assignBlocks(cidr, cluster.nodes);
  return { cluster: cluster.name, cidr, home: nodes[0], nodes };
}

async function createNetworkHere(
  spec: PodNetworkSpec,
  clusterLayout: ClusterLayout | undefined,
): Promise<PodNetworkState> {
  const layout = layoutOf(spec.cidr);
  // Where Docker picks addresses itself: on a cluster, Swarm's endpoints, from a block no node has; on one
  // host, containers joined by hand, from pod addresses only, never the DNS's or a service's.
  const ipRange = clusterLayout ? engineBlock(spec.cidr) : dynamicRangeOf(layout);
  const options = {
    Name: spec.name,
    // On a cluster, Swarm's attachable overlay carries pod traffic between the nodes' engines.
    Driver: clusterLayout ? "overlay" : "bridge",
    CheckDuplicate: true,
    Internal: spec.internal,
    Attachable: true,
    // Docker's overlay option, as `docker network create --opt encrypted`: IPsec ESP between nodes.
    ...(spec.encrypted ? { Options: { encrypted: "" } } : {}),
    IPAM: {
      Driver: "default",
      Config: [{ Subnet: spec.cidr, Gateway: layout.gateway, ...(ipRange ? { IPRange: ipRange } : {}) }],
    },
    Labels: {
      ...networkLabels(spec.name, spec.owner),
      ...(clusterLayout ? { [LABEL.cluster]: clusterLayout.cluster } : {}),
    },
  };
  let networkId: string;
  try {
    networkId = await createNetwork(options).catch(async (err) => {
      if (!isConflict(err)) throw err;
      await reclaimLeftover(spec);
      return createNetwork(options);
    });
  } catch (err) {
    if (err instanceof NetworkClashError) throw err;
    if (isConflict(err))
      throw new Error(
        `PodNetwork "${spec.name}": a Docker network with this name already exists and is in use; set name to another value`,
      );
    throw new Error(`PodNetwork "${spec.name}": Docker refused the network: ${messageOf(err)}`);
  }
  forgetNetwork(spec.name);
  if (layout.dnsIP) {
    await startClusterDns(spec.name, layout, spec.owner).catch(async (err) => {
      await removeNetwork(networkId);
      throw new Error(
        `PodNetwork "${spec.name}": the cluster DNS did not start: ${messageOf(err)}. Run scripts/setup/images.sh to build podling/netutil:1`,
      );
    });
  }
  const agent = await (
    clusterLayout
      ? startNodeAgents(spec.name, spec.owner, clusterLayout, spec.cluster, layout.dnsIP)
      : startAgent(spec.name, spec.owner, layout.dnsIP !== undefined)
  ).catch(async (err) => {
    if (clusterLayout) await removeNodeAgents(spec.name, spec.owner, clusterLayout.nodes, clusterLayout.home);
    await removeClusterDns(spec.name, spec.owner, networkId);
    await removeAgent(spec.name, spec.owner);
    await removeNetwork(networkId);
    throw err;
  });
  // compact: a network too small for services has no serviceCidr or dnsIP, and the engine's Struct
  // conversion refuses undefined values.
  return compact({
    agent,
    ...spec,
    networkName: spec.name,
    networkId,
    gateway: layout.gateway,
    serviceCidr: layout.serviceCidr,
    dnsIP: layout.dnsIP,
    clusterLayout,
  });
}

/** The network's own containers, which go with it: no pod or service uses it through them. */
const NETWORK_OWN_ROLES = ["dns", "agent"];

/** Refuses to remove a network that pods or services (on any node that answers) still use. */
async function assertUnused(name: string, clusterLayout: ClusterLayout | undefined): Promise<void> {
  const users: Awaited<ReturnType<typeof listContainers>> = [];
  for (const node of clusterLayout?.nodes ?? [undefined]) {
    // A lost node keeps nothing from going.
    const found = await onEngineUnlessLost(
      node,
      () => listContainers([`${LABEL.network}=${name}`]),
      () => [],
    );
    users.push(...found.filter((c) => !NETWORK_OWN_ROLES.includes(c.Labels[LABEL.role])));
  }
  if (users.length === 0) return;
  const names = users.map((c) =>
    c.Labels[LABEL.role] === "service"
      ? `service ${c.Labels[LABEL.namespace]}/${c.Labels[LABEL.service]}`
      : c.Labels[LABEL.role] === "infra"
        ? `pod ${c.Labels[LABEL.namespace]}/${c.Labels[LABEL.pod]}`
        : undefined,
  );
  const described = [...new Set(names.filter(Boolean))].join(", ") || `${users.length} container(s)`;
  throw new Error(
    `PodNetwork "${name}" is still used by ${described}; delete those first (Pulumi does this by itself for objects in the same stack)`,
  );
}

/** The state of a PodNetwork that another stack made, as Docker shows it (its labels live in that stack). */
function stateOfExisting(info: NetworkInfo): PodNetworkState {
  const cidr = info.IPAM?.Config?.[0]?.Subnet;
  if (info.Labels?.[LABEL.managed] !== "true" || !cidr)
    throw new Error(
      `Docker network "${info.Name}" is not a PodNetwork (it lacks the ${LABEL.managed} label or a subnet)`,
    );
  const layout = layoutOf(cidr);
  // Its NodePort settings live in the owner's state, not in Docker: services of this stack get the defaults.
  const nodePorts = {
    serviceNodePortRange: DEFAULT_NODE_PORT_RANGE,
    nodePortAddresses: [...DEFAULT_NODE_PORT_ADDRESSES],
  };
  return compact({
    name: info.Name,
    cidr,
    labels: {},
    internal: info.Internal ?? false,
    ...nodePorts,
    networkName: info.Name,
    networkId: info.Id,
    gateway: layout.gateway,
    serviceCidr: layout.serviceCidr,
    dnsIP: layout.dnsIP,
  });
}

class NetworkClashError extends Error {}

/**
 * A network of this name that this very resource made (an interrupted `up` made it but never recorded
 * it: it carries the resource's owner) and that no pod or service uses is removed, so that the create
 * can go on. Anything else is left alone, and the create fails saying whose the name is.
 */
async function reclaimLeftover(spec: PodNetworkSpec): Promise<void> {
  const existing = await inspectNetwork(spec.name);
  if (!existing) return; // gone since: the create is tried again
  const refuse = (
    why: string,
    hint = `set name to another value, or join that network with PodNetwork.get("<resource name>", "${spec.name}")`,
  ) =>
    new NetworkClashError(
      `PodNetwork "${spec.name}": a Docker network "${spec.name}" already exists ${why}; Podling touched none of it: ${hint}`,
    );
  const ownership = ownershipOf(existing.Labels, spec.owner);
  if (ownership.kind === "theirs") throw refuse(`and belongs to ${describeOtherOwner(ownership.owner, spec.owner)}`);
  if (ownership.kind === "unowned")
    throw refuse("without a Podling owner label (made outside Podling, or by an older Podling)");
  const leftover = "and carries this resource's owner (an interrupted run made it)";
  const subnet = existing.IPAM?.Config?.[0]?.Subnet;
  if (subnet !== spec.cidr)
    throw refuse(
      `${leftover}, with subnet ${subnet} where ${spec.cidr} is declared`,
      `remove it (docker network rm ${spec.name}) and run up again`,
    );
  const users = (await listContainers([`${LABEL.network}=${spec.name}`])).filter(
    (c) => !NETWORK_OWN_ROLES.includes(c.Labels[LABEL.role]),
  );
  if (users.length > 0)
    throw refuse(`${leftover}, and ${users.length} container(s) use it`, "remove them, or set name to another value");
  log.debug(`PodNetwork "${spec.name}": removing the unrecorded network an interrupted run left`);
  await removeAgent(spec.name, spec.owner);
  await removeClusterDns(spec.name, spec.owner, existing.Id);
  await removeNetwork(existing.Id);
}

/** The first Docker network, other than this PodNetwork itself, whose subnet overlaps `cidr`. */
async function overlappingDockerNetwork(
  name: string,
  cidr: string,
): Promise<{ name: string; subnet: string } | undefined> {
  for (const network of await listNetworks()) {
    const ours = network.Name === name && network.Labels?.[LABEL.managed] === "true";
    if (ours) continue;
    for (const config of network.IPAM?.Config ?? []) {
      if (config.Subnet && !config.Subnet.includes(":") && overlaps(cidr, config.Subnet))
        return { name: network.Name, subnet: config.Subnet };
    }
  }
  return undefined;
}
