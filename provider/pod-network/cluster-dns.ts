// The cluster DNS of a pod network (the kube-dns of Podling): dnsmasq on the first address of the service
// range. It answers service and pod names from one hosts file per service or pod, NXDOMAIN at once for
// other cluster.local names, and passes names with a dot to Docker's resolver (the outside).
import type { ContainerCreateOptions } from "../docker/types";
import * as containers from "../docker/containers";
import type { Owner } from "../../core/owner";
import { LABEL, networkLabels, ownershipOf } from "../labels";
import type { NetworkLayout } from "../../core/cidr";
import { CLUSTER_DOMAIN } from "../rules/dns-records";
import { NETUTIL_IMAGE, readFileIn, writeFileIn } from "../docker/netutil";

const RECORDS_DIR = "/etc/podling/dns";

/** Where the cluster DNS keeps one service's records. */
export function recordsPath(file: string): string {
  return `${RECORDS_DIR}/${file}`;
}

/**
 * Docker's resolver answers every container name on the network (and `<name>.<network>`), so the name
 * holds a "_", which no host name has: `dns.<network>` answered for dns.dev on a network named dev.
 */
export function clusterDnsName(network: string): string {
  return `dns_${network}`;
}

/** The name of networks made before the rename; they keep it until they are made again. */
function legacyClusterDnsName(network: string): string {
  return `dns.${network}`;
}

/** The name of the network's DNS container as it exists: the current one, or a legacy network's. */
export async function existingDnsName(network: string): Promise<string> {
  const current = clusterDnsName(network);
  if (await containers.inspectContainer(current)) return current;
  return (await containers.inspectContainer(legacyClusterDnsName(network))) ? legacyClusterDnsName(network) : current;
}

/** The DNS container at `address`: the cluster DNS address, or on a cluster's other nodes one of the node's own. */
export function clusterDnsConfig(network: string, address: string, owner: Owner | undefined): ContainerCreateOptions {
  return {
    name: clusterDnsName(network),
    Image: NETUTIL_IMAGE,
    Cmd: [
      "dnsmasq",
      "--keep-in-foreground",
      "--no-resolv",
      "--no-hosts",
      // A bare name never goes to Docker's resolver, which answers every pod's hostname network-wide
      // (Docker adds it as an alias): in Kubernetes a bare pod name resolves nowhere.
      "--domain-needed",
      "--server=127.0.0.11",
      `--local=/${CLUSTER_DOMAIN}/`,
      `--hostsdir=${RECORDS_DIR}`,
      "--user=root",
      "--cache-size=0",
    ],
    Labels: { ...networkLabels(network, owner), [LABEL.role]: "dns" },
    HostConfig: { NetworkMode: network, RestartPolicy: { Name: "unless-stopped" } },
    NetworkingConfig: { EndpointsConfig: { [network]: { IPAMConfig: { IPv4Address: address } } } },
  };
}

export async function startClusterDns(
  network: string,
  layout: NetworkLayout,
  owner: Owner | undefined,
): Promise<string> {
  await removeClusterDns(network, owner); // a leftover of an interrupted run
  const id = await containers.createContainer(clusterDnsConfig(network, layout.dnsIP!, owner));
  try {
    await containers.startContainer(id, clusterDnsName(network));
    return id;
  } catch (err) {
    await containers.removeContainer(id);
    throw err;
  }
}

/**
 * Removes the network's DNS container if it is the network resource's own: it carries the resource's
 * owner, or, made before owner labels existed, it is attached to the exact network the state records.
 */
export async function removeClusterDns(network: string, owner: Owner | undefined, networkId?: string): Promise<void> {
  for (const name of [clusterDnsName(network), legacyClusterDnsName(network)]) {
    const info = await containers.inspectContainer(name);
    if (!info) continue;
    const ownership = ownershipOf(info.Config.Labels, owner);
    const attached =
      !!networkId && Object.values(info.NetworkSettings?.Networks ?? {}).some((n) => n.NetworkID === networkId);
    if (ownership.kind === "ours" || (ownership.kind === "unowned" && attached))
      await containers.removeContainer(info.Id);
  }
}

/** Replaces one service's records; an empty text withdraws them (dnsmasq rereads changed files). */
export async function writeRecords(network: string, file: string, text: string): Promise<void> {
  await writeFileIn(await existingDnsName(network), recordsPath(file), text);
}

/** Removes one hosts file; gone is fine. */
export async function removeRecords(network: string, file: string): Promise<void> {
  const dns = await existingDnsName(network);
  if (!(await containers.inspectContainer(dns))) return;
  const result = await containers.execIn(dns, ["rm", "-f", recordsPath(file)]);
  if (result.exitCode !== 0) throw new Error(`cannot remove ${recordsPath(file)} in ${dns}: ${result.stderr.trim()}`);
}

/** Drops one pod address from every record (headless services), so a deleted pod stops resolving. */
export async function withdrawFromRecords(network: string, ip: string): Promise<void> {
  const dns = await existingDnsName(network);
  // One grep names the files that may hold the address (every pod has a file: reading each was an exec
  // per pod, per deleted pod); the exact line test below decides. Exit 1: none holds it.
  const holders = await containers.execIn(dns, ["grep", "-rlF", "-e", `${ip} `, RECORDS_DIR]);
  if (holders.exitCode > 1) throw new Error(`cannot search ${RECORDS_DIR} in ${dns}: ${holders.stderr.trim()}`);
  for (const path of holders.stdout.split("\n").filter(Boolean)) {
    const text = (await readFileIn(dns, path)) ?? "";
    const kept = text.split("\n").filter((line) => line && !line.startsWith(`${ip} `));
    if (kept.length !== text.split("\n").filter(Boolean).length)
      await writeRecords(network, path.slice(RECORDS_DIR.length + 1), kept.map((l) => `${l}\n`).join(""));
  }
}
