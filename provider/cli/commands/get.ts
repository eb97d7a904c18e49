// `podling get KIND [NAME]`: kubectl's tables, or the objects as JSON or YAML.
import { Command, Option } from "commander";
import { parseSelector, SelectorSyntaxError } from "../../../core/selector-text";
import type { LabelSelector } from "../../../core/types";
import { Scope } from "../engines";
import { UserError } from "../find";
import { notFoundMessage } from "../messages";
import { listOf, printObjects } from "../view/objects";
import { renderTable } from "../view/table";
import { list, SELECTABLE } from "./get-listings";
import { selectRows } from "./select-rows";

type Output = "table" | "wide" | "json" | "yaml";

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
};

export function getCommand(scopeOf: (cmd: Command) => Scope): Command {
  return new Command("get")
    .description("list pods, services, deployments, namespaces or nodes, as kubectl get does")
    .argument("<kind>", "pods (po), services (svc), deployments (deploy), namespaces (ns), nodes (no)")
    .argument("[name]", "only this object")
    .option("-n, --namespace <ns>", "the namespace", "default")
    .option("-A, --all-namespaces", "every namespace (adds a NAMESPACE column)")
    .option("-l, --selector <selector>", "only pods, services or deployments whose labels match, as kubectl -l")
    .addOption(new Option("-o, --output <format>", "wide, json or yaml").choices(["wide", "json", "yaml"]))
    .addHelpText(
      "after",
      `
Examples:
  podling get pods -o wide                 pods of namespace "default", with IP and NODE
  podling get pods -l 'app=web,!canary'    pods whose labels match (=, !=, in (...), notin (...), KEY, !KEY)
  podling get deploy -A -o wide            deployments of every namespace, with their images and selector
  podling get svc -A                       services of every namespace, with their ClusterIP and ports
  podling get pods web -o json             one pod as a Kubernetes v1 Pod
  podling --cluster get pods -A -o wide    pods on every node of the Cluster the engine belongs to

-l matches a pod's labels as its node agent holds them, and a deployment's pod template labels (a Podling
Deployment has no labels of its own). A Podling Service has no labels either: -l selects no service
unless the selector needs no label (such as !KEY).`,
    )
    .action(async (kindArg: string, name: string | undefined, opts, cmd: Command) => {
      const kind = KINDS[kindArg.toLowerCase()];
      if (!kind)
        throw new UserError(
          `unknown kind "${kindArg}" (podling get pods|services|deployments|namespaces|nodes|networkpolicies)`,
        );
      if (NOT_ON_ENGINE[kind]) throw new UserError(NOT_ON_ENGINE[kind]);
      const selector = selectorOf(opts.selector, kind);
      const output: Output = opts.output ?? "table";
      const all = Boolean(opts.allNamespaces);
      const listing = await list(kind, scopeOf(cmd), output === "wide", Date.now());
      const named = listing.rows.filter(
        (r) => (!listing.namespaced || all || r.namespace === opts.namespace) && (!name || r.name === name),
      );
      if (name && named.length === 0) {
        const elsewhere = listing.rows.filter((r) => r.name === name).map((r) => `${r.namespace}/${r.name}`);
        throw new UserError(
          listing.namespaced
            ? notFoundMessage(kind.replace(/s$/, ""), name, opts.namespace, elsewhere, kind)
            : `${kind.replace(/s$/, "")} "${name}" not found (podling get ${kind})`,
        );
      }
      const { rows, unlabelled } = selector ? selectRows(named, selector) : { rows: named, unlabelled: 0 };
      if (unlabelled > 0)
        process.stderr.write(
          `${unlabelled} ${kind} left out: their labels are not on the engine (their network has no node agent)\n`,
        );
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

/** The -l selector, read before anything is listed so that a typo costs no engine calls. */
function selectorOf(text: string | undefined, kind: string): LabelSelector | undefined {
  if (text === undefined) return undefined;
  if (!SELECTABLE.includes(kind))
    throw new UserError(`-l selects ${SELECTABLE.join(", ")}; ${kind} have no labels (podling get ${kind})`);
  try {
    return parseSelector(text);
  } catch (err) {
    if (err instanceof SelectorSyntaxError) throw new UserError(err.message);
    throw err;
  }
}
