// `check` for Cluster.
import type { ClusterNode, ClusterSpec } from "../../core/types";
import { dockerHostProblem, exposedEngine } from "../docker/connection";
import { isIPv4 } from "../../core/cidr";
import { isRecord } from "../check/common";
import { CheckFailure, Failures, isUnknown } from "../check/failures";
import { dns1123Label } from "../check/names";

// Docker picks an advertise address only while it forms the Swarm, and binding the ports to it needs
// the address before that; without one Podling would have to listen on every interface (0.0.0.0).
const ADVERTISE_ADDR_REQUIRED =
  "is required: the address other nodes reach this node at; Swarm's management port (TCP 2377) listens on it alone rather than on every interface. Use the node's address on the network between the nodes";

export function defaultManagers(nodeCount: number): number {
  return nodeCount >= 3 ? 3 : 1;
}

export function checkCluster(news: Record<string, unknown>): { inputs: ClusterSpec; failures: CheckFailure[] } {
  const f = new Failures();
  if (!isUnknown(news.name)) {
    const problem = dns1123Label(news.name);
    if (problem) f.add("name", problem);
  }
  const nodes = news.nodes;
  if (!isUnknown(nodes)) {
    if (!Array.isArray(nodes) || nodes.length === 0)
      f.add("nodes", "must list at least one node ({ name, dockerHost })");
    else checkNodes(nodes, f);
  }
  const count = Array.isArray(nodes) ? nodes.length : 0;
  const managers = news.managers ?? defaultManagers(count);
  if (
    !isUnknown(managers) &&
    count > 0 &&
    (!Number.isInteger(managers) || (managers as number) < 1 || (managers as number) > count)
  ) {
    f.add("managers", `${JSON.stringify(managers)} is not between 1 and the number of nodes (${count})`);
  } else if (Number.isInteger(managers) && (managers as number) % 2 === 0) {
    f.add(
      "managers",
      `${managers} managers tolerate no more losses than ${(managers as number) - 1} do; use an odd number, as Swarm's Raft advises`,
    );
  }
  return {
    inputs: { name: news.name as string, nodes: nodes as ClusterNode[], managers: managers as number },
    failures: f.list,
  };
}

function checkNodes(nodes: unknown[], f: Failures): void {
  const names = new Set<string>();
  const hosts = new Set<string>();
  nodes.forEach((node, i) => {
    const at = `nodes[${i}]`;
    if (isUnknown(node)) return;
    if (!isRecord(node)) return f.add(at, "must be { name, dockerHost }");
    if (!isUnknown(node.name)) {
      const problem = dns1123Label(node.name);
      if (problem) f.add(`${at}.name`, problem);
      else if (names.has(node.name as string)) f.add(`${at}.name`, `"${node.name}" is listed twice`);
      names.add(node.name as string);
    }
    if (!isUnknown(node.dockerHost)) {
      if (typeof node.dockerHost !== "string" || node.dockerHost === "")
        f.add(`${at}.dockerHost`, "must be unix:///path, tcp://host:port or ssh://user@host");
      else {
        const problem = dockerHostProblem(node.dockerHost);
        const exposed = problem || node.insecure === true ? undefined : exposedEngine(node.dockerHost);
        if (problem) f.add(`${at}.dockerHost`, problem);
        if (exposed) f.add(`${at}.dockerHost`, `${exposed}; or set insecure: true on the node to accept the risk`);
        if (hosts.has(node.dockerHost)) f.add(`${at}.dockerHost`, `${node.dockerHost} is listed for two nodes`);
        hosts.add(node.dockerHost);
      }
    }
    if (node.insecure !== undefined && !isUnknown(node.insecure) && typeof node.insecure !== "boolean")
      f.add(`${at}.insecure`, "must be true or false");
    if (node.advertiseAddr === undefined) f.add(`${at}.advertiseAddr`, ADVERTISE_ADDR_REQUIRED);
    else if (!isUnknown(node.advertiseAddr) && !isIPv4(node.advertiseAddr))
      f.add(`${at}.advertiseAddr`, `${JSON.stringify(node.advertiseAddr)} is not an IPv4 address`);
  });
}
