// `podling get KIND [NAME]`: kubectl's tables, or the objects as JSON or YAML.
import { Command, Option } from "commander";
import { engineInfo } from "../../docker/system";
import { onEveryNode, Scope } from "../engines";
import { UserError } from "../find";
import { notFoundMessage } from "../messages";
import { readPods } from "../read/pods";
import { readServices } from "../read/services";
import { ageOf } from "../view/age";
import { KubeObject, listOf, podObject, printObjects, serviceObject } from "../view/objects";
import { POD_HEADERS, POD_WIDE_HEADERS, podRow } from "../view/pod-rows";
import { SERVICE_HEADERS, SERVICE_WIDE_HEADERS, serviceRow } from "../view/service-rows";
import { renderTable } from "../view/table";

type Output = "table" | "wide" | "json" | "yaml";

/** What every kind gives `get`: its table (with or without -o wide) and its objects. */
interface Listing {
  headers: string[];
  rows: Array<{ namespace?: string; name: string; cells: string[]; object: KubeObject }>;
  namespaced: boolean;
}

const KINDS: Record<string, string> = {
  pods: "pods",
  pod: "pods",
  po: "pods",
  services: "services",
  service: "services",
  svc: "services",
  namespaces: "namespaces",
  namespace: "namespaces",
  ns: "namespaces",
  nodes: "nodes",
  node: "nodes",
  no: "nodes",
  networkpolicies: "networkpolicies",
  networkpolicy: "networkpolicies",
  netpol: "networkpolicies",
  deployments: "deployments",
  deployment: "deployments",
  deploy: "deployments",
};

/** Kinds whose objects live only in the Pulumi state: the engine holds what they became, not them. */
const NOT_ON_ENGINE: Record<string, string> = {
  networkpolicies:
    "NetworkPolicies live only in the Pulumi state: the engine holds each pod's firewall compiled from them, " +
    "not the policies (podling describe pod NAME shows which policies a pod's firewall carries out)",
  deployments:
    "Deployments are not read from the engine yet: their pods carry no Docker label that names the deployment " +
    "(podling get pods lists their pods)",
};

export function getCommand(scopeOf: (cmd: Command) => Scope): Command {
  return new Command("get")
    .description("list pods, services, namespaces or nodes, as kubectl get does")
    .argument("<kind>", "pods (po), services (svc), namespaces (ns), nodes (no); networkpolicies, deployments")
    .argument("[name]", "only this object")
    .option("-n, --namespace <ns>", "the namespace", "default")
    .option("-A, --all-namespaces", "every namespace (adds a NAMESPACE column)")
    .option("-l, --selector <selector>", "label selector (not available: see podling get --help)")
    .addOption(new Option("-o, --output <format>", "wide, json or yaml").choices(["wide", "json", "yaml"]))
    .addHelpText(
      "after",
      `
Examples:
  podling get pods -o wide        pods of namespace "default", with IP and NODE
  podling get svc -A              services of every namespace, with their ClusterIP and ports
  podling get pods web -o json    one pod as a Kubernetes v1 Pod

-l is refused: a pod's labels live in the Pulumi state, not on the engine (Docker labels carry only
Podling's identity labels), so the CLI cannot select by them.`,
    )
    .action(async (kindArg: string, name: string | undefined, opts, cmd: Command) => {
      const kind = KINDS[kindArg.toLowerCase()];
      if (!kind)
        throw new UserError(
          `unknown kind "${kindArg}" (podling get pods|services|namespaces|nodes|networkpolicies|deployments)`,
        );
      if (NOT_ON_ENGINE[kind]) throw new UserError(NOT_ON_ENGINE[kind]);
      if (opts.selector !== undefined)
        throw new UserError(
          "-l needs pods' labels, which live in the Pulumi state, not on the engine; " +
            "narrow by name, -n NAMESPACE or --network NAME instead (podling get pods -A)",
        );
      const output: Output = opts.output ?? "table";
      const all = Boolean(opts.allNamespaces);
      const listing = await list(kind, scopeOf(cmd), output === "wide", Date.now());
      const rows = listing.rows.filter(
        (r) => (!listing.namespaced || all || r.namespace === opts.namespace) && (!name || r.name === name),
      );
      if (name && rows.length === 0) {
        const elsewhere = listing.rows.filter((r) => r.name === name).map((r) => `${r.namespace}/${r.name}`);
        throw new UserError(
          listing.namespaced
            ? notFoundMessage(kind.replace(/s$/, ""), name, opts.namespace, elsewhere, kind)
            : `${kind.replace(/s$/, "")} "${name}" not found (podling get ${kind})`,
        );
      }
      if (output === "json" || output === "yaml") {
        process.stdout.write(printObjects(listOf(rows.map((r) => r.object)), output) + "\n");
        return;
      }
      if (rows.length === 0) {
        process.stderr.write(
          listing.namespaced && !all ? `No resources found in ${opts.namespace} namespace.\n` : "No resources found\n",
        );
        return;
      }
      const withNamespace = listing.namespaced && all;
      const headers = withNamespace ? ["NAMESPACE", ...listing.headers] : listing.headers;
      const cells = rows.map((r) => (withNamespace ? [r.namespace!, ...r.cells] : r.cells));
      process.stdout.write(renderTable(headers, cells) + "\n");
    });
}

async function list(kind: string, scope: Scope, wide: boolean, now: number): Promise<Listing> {
  switch (kind) {
    case "pods": {
      const pods = await onEveryNode(scope, (node) => readPods({ network: scope.network, engineName: node.name }));
      return {
        headers: wide ? POD_WIDE_HEADERS : POD_HEADERS,
        namespaced: true,
        rows: pods.map((p) => ({
          namespace: p.namespace,
          name: p.name,
          cells: podRow(p, now, wide),
          object: podObject(p),
        })),
      };
    }
    case "services": {
      const services = await onEveryNode(scope, () => readServices(scope.network));
      return {
        headers: wide ? SERVICE_WIDE_HEADERS : SERVICE_HEADERS,
        namespaced: true,
        rows: services.map((s) => ({
          namespace: s.namespace,
          name: s.name,
          cells: serviceRow(s, now, wide),
          object: serviceObject(s),
        })),
      };
    }
    case "namespaces":
      return namespaces(scope, now);
    default:
      return nodes(scope, wide);
  }
}

/** The namespaces that some pod or service is in: a Namespace resource holds labels only, in the state. */
async function namespaces(scope: Scope, now: number): Promise<Listing> {
  const found = await onEveryNode(scope, async (node) => [
    ...(await readPods({ network: scope.network, engineName: node.name })).map((p) => [p.namespace, p.created]),
    ...(await readServices(scope.network)).map((s) => [s.namespace, s.created]),
  ]);
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
