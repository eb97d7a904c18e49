// `check` for Deployment: its own fields, then the template's pod spec through the Pod's own check (so
// whatever a Pod accepts, a template accepts), with every failure named by its path in the Deployment.
import type { DeploymentSpec, DeploymentStrategy, IntOrPercent, PodTemplate } from "../../core/types";
import { matchesSelector } from "../../core/selector";
import { checkStringMap, compact, isRecord } from "../check/common";
import { CheckFailure, entryPath, Failures, isUnknown } from "../check/failures";
import { checkSelector } from "../check/label-selector";
import { dns1123Label } from "../check/names";
import { checkPod } from "../pod/check";
import { POD_INPUTS } from "../pod/diff-table";
import { POD_NAME_TAIL } from "./pod-names";
import { DEPLOYMENT_INPUTS } from "./diff-table";

/** Pod fields a Deployment decides itself, so a template must not set them. */
const DECIDED = {
  network: "comes from the Deployment",
  namespace: "comes from the Deployment",
  name: "each pod is named <deployment>-<template hash>-<suffix>",
  labels: "give them as template.metadata.labels",
  annotations: "give them as template.metadata.annotations",
  hostname: "each pod's hostname is its name",
  subdomain: "a Deployment's pods get no hostname.subdomain DNS records (a Pod does)",
  readyTimeoutSeconds: "a Deployment waits by progressDeadlineSeconds",
  nodeName: "on a Cluster, the Deployment spreads its pods over the nodes itself",
} as const;

/** The pod spec fields a template takes: every Pod input the Deployment does not decide itself. */
export const TEMPLATE_SPEC_FIELDS = POD_INPUTS.filter((k) => !(k in DECIDED));
/**
 * The Deployment's inputs, and what the SDK adds: for ordering, and on a Cluster for check
 * (selectingPolicies, see sdk/deployment.ts), and the owner.
 */
const FIELDS: readonly string[] = [...DEPLOYMENT_INPUTS, "selectingPolicies", "owner"];
const PERCENT = /^(0|[1-9][0-9]*)%$/;
export const DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;

export function checkDeployment(news: Record<string, unknown>): { inputs: DeploymentSpec; failures: CheckFailure[] } {
  const f = new Failures();
  for (const key of Object.keys(news).filter((k) => !FIELDS.includes(k) && k !== "__provider"))
    f.add(key, "is not a Deployment field");
  const name = news.name as string;
  const nameProblem = isUnknown(name) ? undefined : dns1123Label(name);
  if (nameProblem) f.add("name", nameProblem);
  else if (!isUnknown(name) && name.length + POD_NAME_TAIL > 63)
    f.add(
      "name",
      `"${name}" is ${name.length} characters; at most ${63 - POD_NAME_TAIL} are allowed, since pod names add ${POD_NAME_TAIL}`,
    );
  checkPoliciesOnCluster(news.clusterLayout, news.selectingPolicies, f);

  const replicas = wholeNumber(news.replicas ?? 1, "replicas", 0, 1000, f);
  const minReadySeconds = wholeNumber(news.minReadySeconds ?? 0, "minReadySeconds", 0, 3600, f);
  const progressDeadlineSeconds = wholeNumber(
    news.progressDeadlineSeconds ?? DEFAULT_PROGRESS_DEADLINE_SECONDS,
    "progressDeadlineSeconds",
    1,
    3600,
    f,
  );
  if (!isUnknown(minReadySeconds) && !isUnknown(progressDeadlineSeconds) && progressDeadlineSeconds <= minReadySeconds)
    f.add("progressDeadlineSeconds", `must be greater than minReadySeconds (${minReadySeconds}), as in Kubernetes`);
  const strategy = checkStrategy(news.strategy, f);
  const template = checkTemplate(news, progressDeadlineSeconds, f);
  const selector = checkSelector(news.selector, "selector", f);
  if (!isUnknown(news.selector) && isRecord(news.selector) && Object.keys(news.selector).length === 0)
    f.add(
      "selector",
      "is empty; a Deployment's selector must select its template's labels, e.g. { matchLabels: { app: \"web\" } }",
    );
  else if (
    !isUnknown(news.selector) &&
    !isUnknown(template.metadata.labels) &&
    !matchesSelector(selector, template.metadata.labels)
  )
    f.add("selector", "does not match template.metadata.labels; as in Kubernetes, the template's pods must match it");

  const inputs = compact({
    network: news.network as string,
    namespace: (news.namespace ?? "default") as string,
    name,
    replicas,
    selector,
    template,
    strategy,
    minReadySeconds,
    progressDeadlineSeconds,
    clusterLayout: news.clusterLayout as DeploymentSpec["clusterLayout"],
  });
  return { inputs, failures: f.list };
}

/**
 * On a Cluster, NetworkPolicies are enforced by a PodFirewall per Pod, which the SDK renders from the
 * declared Pods alone: a Deployment's pods that a policy selects would run unpoliced, and those it names as
 * peers would be denied, so such a Deployment is refused.
 */
function checkPoliciesOnCluster(layout: unknown, selecting: unknown, f: Failures): void {
  if (layout === undefined || isUnknown(layout) || isUnknown(selecting) || !Array.isArray(selecting)) return;
  if (selecting.length === 0) return;
  f.add(
    "template.metadata.labels",
    `NetworkPolicy ${selecting.map((p) => JSON.stringify(p)).join(", ")} selects these pods or names them as peers, and on a Cluster policies are enforced for Pods alone; declare Pods there, or change the labels`,
  );
}

function checkStrategy(value: unknown, f: Failures): DeploymentStrategy {
  if (value === undefined) return { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } };
  if (isUnknown(value)) return value as never;
  if (!isRecord(value)) {
    f.add("strategy", 'must be { type: "RollingUpdate", rollingUpdate: {...} } or { type: "Recreate" }');
    return { type: "RollingUpdate" };
  }
  for (const key of Object.keys(value).filter((k) => k !== "type" && k !== "rollingUpdate"))
    f.add(entryPath("strategy", key), "is not a strategy field (type, rollingUpdate)");
  const type = value.type ?? "RollingUpdate";
  if (type === "Recreate") {
    if (value.rollingUpdate !== undefined)
      f.add("strategy.rollingUpdate", 'may only be given with type "RollingUpdate"');
    return { type };
  }
  if (type !== "RollingUpdate") {
    f.add("strategy.type", `${JSON.stringify(type)} must be "RollingUpdate" or "Recreate"`);
    return { type: "RollingUpdate" };
  }
  const rolling = isRecord(value.rollingUpdate) ? value.rollingUpdate : {};
  if (value.rollingUpdate !== undefined && !isRecord(value.rollingUpdate))
    f.add("strategy.rollingUpdate", "must be { maxSurge, maxUnavailable }");
  for (const key of Object.keys(rolling).filter((k) => k !== "maxSurge" && k !== "maxUnavailable"))
    f.add(entryPath("strategy.rollingUpdate", key), "is not a rollingUpdate field (maxSurge, maxUnavailable)");
  const maxSurge = intOrPercent(rolling.maxSurge ?? "25%", "strategy.rollingUpdate.maxSurge", f);
  const maxUnavailable = intOrPercent(rolling.maxUnavailable ?? "25%", "strategy.rollingUpdate.maxUnavailable", f);
  if (isZero(maxSurge) && isZero(maxUnavailable))
    f.add(
      "strategy.rollingUpdate.maxUnavailable",
      "may not be 0 when maxSurge is 0, as in Kubernetes: the rollout could never progress",
    );
  return { type, rollingUpdate: { maxSurge, maxUnavailable } };
}

function intOrPercent(value: unknown, at: string, f: Failures): IntOrPercent {
  if (isUnknown(value)) return value as never;
  if (typeof value === "number" && Number.isInteger(value) && value >= 0) return value;
  if (typeof value === "string" && PERCENT.test(value) && Number(value.slice(0, -1)) <= 100) return value;
  f.add(at, `${JSON.stringify(value)} must be a whole number of pods or a percentage such as "25%"`);
  return 0;
}

const isZero = (v: IntOrPercent) => v === 0 || v === "0%";

function checkTemplate(news: Record<string, unknown>, deadlineSeconds: number, f: Failures): PodTemplate {
  const template = news.template;
  if (isUnknown(template)) return template as never;
  if (!isRecord(template) || !isRecord(template.spec)) {
    f.add("template", "must be { metadata: { labels }, spec: { containers, ... } }");
    return {
      metadata: { labels: {} },
      spec: { containers: [], terminationGracePeriodSeconds: 30, restartPolicy: "Always" },
    };
  }
  for (const key of Object.keys(template).filter((k) => k !== "metadata" && k !== "spec"))
    f.add(entryPath("template", key), "is not a template field (metadata, spec)");
  const metadata = isRecord(template.metadata) ? template.metadata : {};
  for (const key of Object.keys(metadata).filter((k) => k !== "labels" && k !== "annotations"))
    f.add(entryPath("template.metadata", key), "is not supported in a template's metadata (labels, annotations)");
  const labels = checkStringMap(metadata.labels, "template.metadata.labels", f, "labels");
  const annotations = checkStringMap(metadata.annotations, "template.metadata.annotations", f, "annotations");
  const spec = template.spec;
  for (const key of Object.keys(spec).filter((k) => !(TEMPLATE_SPEC_FIELDS as readonly string[]).includes(k))) {
    const why = (DECIDED as Record<string, string>)[key];
    f.add(entryPath("template.spec", key), why ? `is not taken in a template: ${why}` : "is not a pod spec field");
  }
  if (spec.restartPolicy !== undefined && !isUnknown(spec.restartPolicy) && spec.restartPolicy !== "Always")
    f.add(
      "template.spec.restartPolicy",
      `${JSON.stringify(spec.restartPolicy)}: a Deployment's pods restart Always, as in Kubernetes`,
    );
  // The Pod's own check, on a pod of this template; its paths are the template's.
  const pod = checkPod({
    ...Object.fromEntries(TEMPLATE_SPEC_FIELDS.map((k) => [k, spec[k]])),
    network: "template",
    // The Deployment's namespace: the template's ConfigMaps and Secrets are looked up in it.
    namespace: news.namespace,
    name: "template",
    readyTimeoutSeconds: isUnknown(deadlineSeconds) ? 600 : deadlineSeconds,
  });
  for (const failure of pod.failures) f.add(`template.spec.${failure.property}`, failure.reason);
  const checkedSpec = Object.fromEntries(
    TEMPLATE_SPEC_FIELDS.map((k) => [k, (pod.inputs as unknown as Record<string, unknown>)[k]]),
  );
  return compact({
    metadata: { labels, annotations: Object.keys(annotations).length ? annotations : undefined },
    spec: checkedSpec as unknown as PodTemplate["spec"],
  });
}

function wholeNumber(value: unknown, at: string, min: number, max: number, f: Failures): number {
  if (!isUnknown(value) && (!Number.isInteger(value) || (value as number) < min || (value as number) > max))
    f.add(at, `${JSON.stringify(value)} must be a whole number from ${min} to ${max}`);
  return value as number;
}
