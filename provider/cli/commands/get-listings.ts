// What `podling get` lists, kind by kind: each kind's table (with or without -o wide), its objects, and
// the labels `-l` selects by.
import { engineInfo } from "../../docker/system";
import { onEveryNode, Scope } from "../engines";
import { everyPod, everyService } from "../find";
import { clusterPoliciesMessage, UserError } from "../messages";
import { deploymentsOf } from "../read/deployments";
import { readDeploymentRecords } from "../read/deployment-records";
import { NetworkPoliciesRead, readNetworkPolicies } from "../read/network-policies";
import { ageOf } from "../view/age";
import { DEPLOYMENT_HEADERS, DEPLOYMENT_WIDE_HEADERS, deploymentRow } from "../view/deployment-rows";
import { NETWORK_POLICY_HEADERS, networkPolicyRow, networkPolicyWarning } from "../view/network-policy-rows";
import { deploymentObject, KubeObject, networkPolicyObject, podObject, serviceObject } from "../view/objects";
import { POD_HEADERS, POD_WIDE_HEADERS, podRow } from "../view/pod-rows";
import { SERVICE_HEADERS, SERVICE_WIDE_HEADERS, serviceRow } from "../view/service-rows";

export interface ListingRow {
  namespace?: string;
  name: string;
  cells: string[];
  object: KubeObject;
  /** What `-l` matches; absent where the engine does not know them (a pod without a node agent entry). */
  labels?: Record<string, string>;
  /** Said on stderr when the row is shown (kubectl's table has no column for it). */
  warning?: string;
}

/** What every kind gives `get`: its table (with or without -o wide) and its objects. */
export interface Listing {
  headers: string[];
  rows: ListingRow[];
  namespaced: boolean;
  /** Said on stderr before anything else: what the listing leaves out, and why. */
  notice?: string;
}

/** The kinds `-l` works on: the others have no labels. */
export const SELECTABLE = ["pods", "services", "deployments", "networkpolicies"];

export async function list(kind: string, scope: Scope, wide: boolean, now: number): Promise<Listing> {
  switch (kind) {
    case "pods": {
      const pods = await everyPod(scope);
      return {
        headers: wide ? POD_WIDE_HEADERS : POD_HEADERS,
        namespaced: true,
        rows: pods.map((p) => ({
          namespace: p.namespace,
          name: p.name,
          cells: podRow(p, now, wide),
          object: podObject(p),
          ...(p.labels ? { labels: p.labels } : {}),
        })),
      };
    }
    case "services": {
      const services = await everyService(scope);
      return {
        headers: wide ? SERVICE_WIDE_HEADERS : SERVICE_HEADERS,
        namespaced: true,
        rows: services.map((s) => ({
          namespace: s.namespace,
          name: s.name,
          cells: serviceRow(s, now, wide),
          object: serviceObject(s),
          // A Podling Service has no labels of its own (its selector picks pods; it is not its labels).
          labels: {},
        })),
      };
    }
    case "deployments": {
      const [pods, records] = await Promise.all([
        everyPod(scope),
        onEveryNode(scope, () => readDeploymentRecords(scope.network)),
      ]);
      return {
        headers: wide ? DEPLOYMENT_WIDE_HEADERS : DEPLOYMENT_HEADERS,
        namespaced: true,
        rows: deploymentsOf(pods, records).map((d) => ({
          namespace: d.namespace,
          name: d.name,
          cells: deploymentRow(d, now, wide),
          object: deploymentObject(d, now),
          // A Podling Deployment has no labels of its own: -l matches its pod template's, which kubectl users
          // usually give both.
          ...(d.labels ? { labels: d.labels } : {}),
        })),
      };
    }
    case "networkpolicies":
      return networkPolicies(scope, now);
    case "namespaces":
      return namespaces(scope, now);
    default:
      return nodes(scope, wide);
  }
}

/** The policies the node agents hold; a scope of cluster networks only, whose agents hold none, is an error. */
async function networkPolicies(scope: Scope, now: number): Promise<Listing> {
  const reads = await onEveryNode(scope, async () => [await readNetworkPolicies(scope.network)]);
  const read: NetworkPoliciesRead = {
    policies: reads.flatMap((r) => r.policies),
    // Every node of a cluster has the network's agent: name each network once.
    clusterNetworks: [...new Set(reads.flatMap((r) => r.clusterNetworks))].sort(),
    agentNetworks: reads.flatMap((r) => r.agentNetworks),
  };
  if (read.clusterNetworks.length > 0 && read.agentNetworks.length === 0)
    throw new UserError(clusterPoliciesMessage(read.clusterNetworks));
  return {
    headers: NETWORK_POLICY_HEADERS,
    namespaced: true,
    ...(read.clusterNetworks.length > 0 ? { notice: `Note: ${clusterPoliciesMessage(read.clusterNetworks)}` } : {}),
    rows: read.policies.map((p) => {
      const warning = networkPolicyWarning(p);
      return {
        namespace: p.namespace,
        name: p.name,
        cells: networkPolicyRow(p, now),
        object: networkPolicyObject(p),
        // A Podling NetworkPolicy has no labels of its own (its podSelector picks pods; it is not its labels).
        labels: {},
        ...(warning ? { warning } : {}),
      };
    }),
  };
}

/** The namespaces that some pod or service is in: a Namespace resource holds labels only, in the state. */
async function namespaces(scope: Scope, now: number): Promise<Listing> {
  const [pods, services] = await Promise.all([everyPod(scope), everyService(scope)]);
  const found = [...pods.map((p) => [p.namespace, p.created]), ...services.map((s) => [s.namespace, s.created])];
  const oldest = new Map<string, string | undefined>();
  for (const [ns, created] of found) {
    const seen = oldest.get(ns!);
    if (!oldest.has(ns!) || (created && (!seen || created < seen))) oldest.set(ns!, created);
  }
  return {
    headers: ["NAME", "STATUS", "AGE"],
    namespaced: false,
    rows: [...oldest.keys()].sort().map((ns) => ({
      name: ns,
      cells: [ns, "Active", ageOf(oldest.get(ns), now)],
      object: {
        apiVersion: "v1",
        kind: "Namespace",
        metadata: { name: ns, ...(oldest.get(ns) ? { creationTimestamp: oldest.get(ns) } : {}) },
        status: { phase: "Active" },
      },
    })),
  };
}

/** Each engine is a node; an engine that answers is Ready. */
async function nodes(scope: Scope, wide: boolean): Promise<Listing> {
  const infos = await onEveryNode(scope, async (node) => [{ node, info: await engineInfo() }]);
  const headers = ["NAME", "STATUS", "ROLES", "AGE", "VERSION"];
  return {
    headers: wide
      ? [...headers, "INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME"]
      : headers,
    namespaced: false,
    rows: infos.map(({ node, info }) => {
      const runtime = `docker://${info.ServerVersion ?? "unknown"}`;
      const cells = [node.name, "Ready", "<none>", "<unknown>", info.ServerVersion ?? "<unknown>"];
      return {
        name: node.name,
        cells: wide
          ? [
              ...cells,
              info.Swarm.NodeAddr || "<none>",
              "<none>",
              info.OperatingSystem ?? "<unknown>",
              info.KernelVersion ?? "<unknown>",
              runtime,
            ]
          : cells,
        object: {
          apiVersion: "v1",
          kind: "Node",
          metadata: {
            name: node.name,
            annotations: { "podling.io/docker-host": node.engine?.dockerHost ?? "default" },
          },
          status: {
            conditions: [{ type: "Ready", status: "True" }],
            nodeInfo: {
              containerRuntimeVersion: runtime,
              osImage: info.OperatingSystem,
              kernelVersion: info.KernelVersion,
            },
          },
        },
      };
    }),
  };
}
