// Entry point of the provider side, loaded by the dynamic-provider process through the tiny stubs that
// sdk/ serializes with each resource. Keeping the real code here, behind one stable function, keeps
// state small and lets a fixed provider serve resources created by an older one.
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { configuredEngineProblem, configureDocker } from "./docker/client";
import { ResourceHandlers } from "./handler";
import { podHandlers } from "./pod/handlers";
import { podNetworkHandlers } from "./pod-network/handlers";
import { serviceHandlers } from "./service/handlers";
import { networkPolicyHandlers } from "./network-policy/handlers";
import { namespaceHandlers } from "./namespace/handlers";
import { podFirewallHandlers } from "./pod-firewall/handlers";
import { clusterHandlers } from "./cluster/handlers";
import { configMapHandlers, secretHandlers } from "./config/handlers";
import { deploymentHandlers } from "./deployment/handlers";
import { inManifestTerms, takeManifestSource } from "../core/manifest-source";

const handlers: Record<string, ResourceHandlers> = {
  "podling:PodNetwork": podNetworkHandlers,
  "podling:Pod": podHandlers,
  "podling:Service": serviceHandlers,
  "podling:NetworkPolicy": networkPolicyHandlers,
  "podling:Namespace": namespaceHandlers,
  "podling:PodFirewall": podFirewallHandlers,
  "podling:Cluster": clusterHandlers,
  "podling:ConfigMap": configMapHandlers,
  "podling:Secret": secretHandlers,
  "podling:Deployment": deploymentHandlers,
};

export type Method = keyof ResourceHandlers | "configure";

export async function dispatch(kind: string, method: Method, args: unknown[]): Promise<unknown> {
  if (method === "configure") {
    const config = (args[0] as dynamic.ConfigureRequest).config;
    configureDocker({
      dockerHost: config.get("podling:dockerHost"),
      insecure: config.get("podling:insecureDockerHost") === "true",
    });
    return;
  }
  // At preview: an engine open to anyone on the network is refused before anything is planned.
  const problem = method === "check" ? configuredEngineProblem() : undefined;
  if (problem) throw new Error(problem);
  const table = handlers[kind];
  if (!table)
    throw new Error(
      `podling: no provider for resource kind "${kind}" (is the installed podling older than the program?)`,
    );
  if (method === "check") return checkInManifestTerms(table, args as Parameters<ResourceHandlers["check"]>);
  return (table[method] as (...a: unknown[]) => Promise<unknown>)(...args);
}

/** A resource from a Kubernetes manifest: its failures name the document, object and manifest field. */
async function checkInManifestTerms(
  table: ResourceHandlers,
  [olds, news]: Parameters<ResourceHandlers["check"]>,
): Promise<dynamic.CheckResult> {
  const { inputs, source } = takeManifestSource(news);
  const result = await table.check(olds, inputs);
  if (!source || !result.failures?.length) return result;
  return { ...result, failures: result.failures.map((f) => inManifestTerms(f, source)) };
}
