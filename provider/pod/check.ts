// `check` for Pod: every problem in one pass, each naming its field; defaults filled in as Kubernetes does.
import type {
  ClusterLayout,
  ConfigSources,
  Container,
  ContainerPort,
  FirewallRules,
  PodSpec,
  PullPolicy,
  ResourceList,
  RestartPolicy,
} from "../../core/types";
import { checkPort, checkStringMap, compact, isRecord } from "../check/common";
import { checkSecurityContext } from "./check-security";
import { CheckFailure, entryPath, Failures, isUnknown } from "../check/failures";
import { dns1123Label } from "../check/names";
import { checkEnv, checkEnvFrom } from "./check-env";
import { checkConfigRefs } from "./check-config-refs";
import { isIPv4 } from "../../core/cidr";
import { checkDnsConfig } from "./check-dns";
import { checkProbes, NamedPorts, PROBE_KINDS } from "./check-probes";
import { cpuToNanoCpus, memoryToBytes } from "../../core/quantity";
import { checkVolumeMounts, checkVolumes } from "./check-volumes";

const PULL_POLICIES: PullPolicy[] = ["Always", "IfNotPresent", "Never"];
const PROTOCOLS = ["TCP", "UDP", "SCTP"];
const PORT_NAME = /^(?=.*[a-z])[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** Docker refuses memory limits below 6 MiB. */
export const MIN_MEMORY_BYTES = 6 * 2 ** 20;
const DEFAULT_GRACE_SECONDS = 30;
const RESTART_POLICIES: RestartPolicy[] = ["Always", "OnFailure", "Never"];
const DEFAULT_READY_TIMEOUT_SECONDS = 300;

/** What the containers of one pod share while they are checked: names and ports are pod-wide. */
interface PodContext {
  names: Set<string>;
  claimedPorts: Map<string, string>; // "8080/TCP" -> property that claimed it
  claimedHostPorts: Map<string, string>;
  portNames: Set<string>;
  volumeNames: Set<string>;
}

export function checkPod(news: Record<string, unknown>): { inputs: PodSpec; failures: CheckFailure[] } {
  const f = new Failures();
  const name = checkName(news.name, "name", f);
  const namespace = news.namespace === undefined ? "default" : checkName(news.namespace, "namespace", f);
  if (!isUnknown(news.network) && (typeof news.network !== "string" || news.network === "")) {
    f.add("network", "must name a PodNetwork (pass the PodNetwork resource)");
  }
  const imagePullPolicy = checkPullPolicy(news.imagePullPolicy, "imagePullPolicy", f);
  const grace = checkWholeNumber(
    news.terminationGracePeriodSeconds ?? DEFAULT_GRACE_SECONDS,
    "terminationGracePeriodSeconds",
    0,
    3600,
    f,
  );
  const readyTimeoutSeconds = checkWholeNumber(
    news.readyTimeoutSeconds ?? DEFAULT_READY_TIMEOUT_SECONDS,
    "readyTimeoutSeconds",
    1,
    3600,
    f,
  );
  const restartPolicy = news.restartPolicy ?? "Always";
  if (!isUnknown(restartPolicy) && !RESTART_POLICIES.includes(restartPolicy as RestartPolicy)) {
    f.add("restartPolicy", `${JSON.stringify(restartPolicy)} must be one of ${RESTART_POLICIES.join(", ")}`);
  }
  if (news.hostname !== undefined) checkName(news.hostname, "hostname", f);
  if (news.subdomain !== undefined) checkName(news.subdomain, "subdomain", f);
  const { volumes, names: volumeNames } = checkVolumes(news.volumes, f);
  const context: PodContext = {
    names: new Set(),
    claimedPorts: new Map(),
    claimedHostPorts: new Map(),
    portNames: new Set(),
    volumeNames,
  };
  const containers = checkContainers(news.containers, "containers", context, f);
  const initContainers =
    news.initContainers === undefined ? undefined : checkContainers(news.initContainers, "initContainers", context, f);
  const inputs = compact({
    network: news.network as string,
    namespace,
    name,
    labels: checkStringMap(news.labels, "labels", f, "labels"),
    annotations: checkStringMap(news.annotations, "annotations", f, "annotations"),
    imagePullPolicy,
    terminationGracePeriodSeconds: grace,
    restartPolicy: restartPolicy as RestartPolicy,
    hostname: news.hostname as string | undefined,
    subdomain: news.subdomain as string | undefined,
    dnsConfig: checkDnsConfig(news.dnsConfig, f),
    readyTimeoutSeconds,
    volumes,
    initContainers,
    containers,
    nodeName: checkNodeName(news.nodeName, news.clusterLayout, f),
    clusterLayout: news.clusterLayout as ClusterLayout | undefined,
    nodePreference: news.nodePreference as string[] | undefined,
    startupFirewall: news.startupFirewall as FirewallRules | undefined,
    configMaps: checkSources(news.configMaps, "configMaps", f),
    secrets: checkSources(news.secrets, "secrets", f),
  });
  // Which ConfigMaps, Secrets and keys the pod names is checked once its shape is right.
  if (f.list.length === 0) checkConfigRefs(inputs, f);
  return { inputs, failures: f.list };
}

/** Computed by the SDK (sdk/config-sources.ts); a bad one is a bug, reported rather than thrown. */
function checkSources(value: unknown, property: string, f: Failures): ConfigSources | undefined {
  if (value !== undefined && !isUnknown(value) && !isRecord(value))
    f.add(property, "must be a map of namespace/name to values (the SDK computes it)");
  return value as ConfigSources | undefined;
}

/** nodeName pins a pod to a node of its network's cluster, and only means something on one. */
function checkNodeName(nodeName: unknown, layout: unknown, f: Failures): string | undefined {
  if (nodeName === undefined || isUnknown(nodeName)) return nodeName as undefined;
  const problem = dns1123Label(nodeName);
  if (problem) f.add("nodeName", problem);
  if (problem || isUnknown(layout)) return nodeName as string;
  if (!isRecord(layout))
    f.add("nodeName", "the pod's PodNetwork spans no cluster; nodeName applies only to a PodNetwork given a cluster");
  else {
    // The layout comes from the PodNetwork's state; a malformed one must not make check throw.
    const nodes = Array.isArray(layout.nodes) ? layout.nodes.map((n) => (isRecord(n) ? n.name : undefined)) : [];
    if (!nodes.includes(nodeName as string))
      f.add(
        "nodeName",
        `"${nodeName}" is not a node of cluster ${(layout as unknown as ClusterLayout).cluster} (nodes: ${nodes.join(", ")})`,
      );
  }
  return nodeName as string;
}

function checkWholeNumber(value: unknown, property: string, min: number, max: number, f: Failures): number {
  if (!isUnknown(value) && (!Number.isInteger(value) || (value as number) < min || (value as number) > max)) {
    f.add(property, `${JSON.stringify(value)} must be a whole number of seconds from ${min} to ${max}`);
  }
  return value as number;
}

function checkName(value: unknown, property: string, f: Failures): string {
  if (isUnknown(value)) return value as string;
  const problem = dns1123Label(value);
  if (problem) f.add(property, problem);
  return value as string;
}

function checkPullPolicy(value: unknown, property: string, f: Failures): PullPolicy | undefined {
  if (value === undefined || isUnknown(value)) return value as undefined;
  if (!PULL_POLICIES.includes(value as PullPolicy))
    f.add(property, `${JSON.stringify(value)} must be one of ${PULL_POLICIES.join(", ")}`);
  return value as PullPolicy;
}

function checkContainers(
  value: unknown,
  property: "containers" | "initContainers",
  pod: PodContext,
  f: Failures,
): Container[] {
  if (isUnknown(value)) return value as never;
  if (!Array.isArray(value) || (property === "containers" && value.length === 0)) {
    f.add(property, property === "containers" ? "a pod needs at least one container" : "must be a list of containers");
    return [];
  }
  const checked = value.map((raw, i) => {
    const at = `${property}[${i}]`;
    if (!isRecord(raw)) {
      f.add(at, "must be an object with at least name and image");
      return raw as Container;
    }
    if (raw.name === undefined || raw.name === "") f.add(`${at}.name`, "is required");
    else if (!isUnknown(raw.name)) {
      const problem = dns1123Label(raw.name);
      if (problem) f.add(`${at}.name`, problem);
      else if (pod.names.has(raw.name as string))
        f.add(`${at}.name`, `duplicate container name "${raw.name}" (init and app containers share one set of names)`);
      pod.names.add(raw.name as string);
    }
    if (!isUnknown(raw.image) && (typeof raw.image !== "string" || raw.image.trim() === ""))
      f.add(`${at}.image`, "must be a non-empty image reference");
    else if (typeof raw.image === "string" && /\s/.test(raw.image))
      f.add(`${at}.image`, `"${raw.image}" contains white space`);
    checkStringList(raw.command, `${at}.command`, f);
    checkStringList(raw.args, `${at}.args`, f);
    if (
      raw.workingDir !== undefined &&
      !isUnknown(raw.workingDir) &&
      (typeof raw.workingDir !== "string" || !raw.workingDir.startsWith("/"))
    ) {
      f.add(`${at}.workingDir`, "must be an absolute path");
    }
    checkEnv(raw.env, `${at}.env`, f);
    checkEnvFrom(raw.envFrom, `${at}.envFrom`, f);
    if (property === "initContainers") {
      for (const kind of PROBE_KINDS)
        if (raw[kind] !== undefined)
          f.add(
            `${at}.${kind}`,
            "init containers cannot have probes, as in Kubernetes: they run to completion instead",
          );
      if (raw.ports !== undefined)
        f.add(
          `${at}.ports`,
          "init containers cannot declare ports: they finish before the pod serves; declare them on an app container",
        );
    }
    const ports = checkPorts(raw.ports, `${at}.ports`, f, pod.claimedPorts, pod.claimedHostPorts, pod.portNames);
    checkResources(raw.resources, `${at}.resources`, f);
    const imagePullPolicy = checkPullPolicy(raw.imagePullPolicy, `${at}.imagePullPolicy`, f);
    const volumeMounts = checkVolumeMounts(raw.volumeMounts, `${at}.volumeMounts`, pod.volumeNames, f);
    const securityContext = checkSecurityContext(raw.securityContext, `${at}.securityContext`, f);
    return { ...raw, ports, imagePullPolicy, volumeMounts, securityContext } as Container;
  });
  if (property === "initContainers") return checked;
  // A probe's named port must be one of its own container's TCP ports; a number need not be declared.
  return checked.map((c, i) => {
    if (!isRecord(c)) return c;
    // Ports may be unknown at preview, or hold entries already reported as malformed.
    const declared = Array.isArray(c.ports) ? c.ports.filter((p) => isRecord(p) && p.name && p.protocol === "TCP") : [];
    const names: NamedPorts = new Map(declared.map((p) => [p.name!, p.containerPort]));
    return { ...c, ...checkProbes(c as unknown as Record<string, unknown>, `containers[${i}]`, names, f) };
  });
}

function checkStringList(value: unknown, property: string, f: Failures): void {
  if (value === undefined || isUnknown(value)) return;
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string" && !isUnknown(v)))
    f.add(property, "must be a list of strings");
  else if (value.some((v: string) => v.includes("\0"))) f.add(property, "must not contain NUL characters");
}

function checkPorts(
  value: unknown,
  property: string,
  f: Failures,
  claimed: Map<string, string>,
  claimedHost: Map<string, string>,
  names: Set<string>,
): ContainerPort[] | undefined {
  if (value === undefined || isUnknown(value)) return value as undefined;
  if (!Array.isArray(value)) {
    f.add(property, "must be a list of ports");
    return undefined;
  }
  return value.map((raw, j) => {
    const at = `${property}[${j}]`;
    if (!isRecord(raw)) {
      f.add(at, "must be an object with containerPort");
      return raw as ContainerPort;
    }
    const protocol = raw.protocol ?? "TCP";
    if (!isUnknown(protocol) && !PROTOCOLS.includes(protocol as string))
      f.add(`${at}.protocol`, `${JSON.stringify(protocol)} must be one of ${PROTOCOLS.join(", ")}`);
    checkPort(raw.containerPort, `${at}.containerPort`, f);
    const key = `${raw.containerPort}/${protocol}`;
    if (claimed.has(key))
      f.add(
        `${at}.containerPort`,
        `${key} is already declared by ${claimed.get(key)}; the containers of a pod share one network namespace`,
      );
    claimed.set(key, at);
    if (raw.hostIP !== undefined && !isUnknown(raw.hostIP) && !isIPv4(raw.hostIP))
      f.add(`${at}.hostIP`, `${JSON.stringify(raw.hostIP)} is not an IPv4 address`);
    if (raw.hostPort !== undefined) {
      checkPort(raw.hostPort, `${at}.hostPort`, f);
      const hostKey = `${raw.hostIP ?? ""}:${raw.hostPort}/${protocol}`;
      if (claimedHost.has(hostKey))
        f.add(`${at}.hostPort`, `${raw.hostPort}/${protocol} is already published by ${claimedHost.get(hostKey)}`);
      claimedHost.set(hostKey, at);
    }
    if (raw.name !== undefined && !isUnknown(raw.name)) {
      if (typeof raw.name !== "string" || raw.name.length > 15 || !PORT_NAME.test(raw.name)) {
        f.add(
          `${at}.name`,
          `${JSON.stringify(raw.name)} must be at most 15 lower-case letters, digits and '-', with at least one letter`,
        );
      } else if (names.has(raw.name)) f.add(`${at}.name`, `duplicate port name "${raw.name}" in this pod`);
      else names.add(raw.name);
    }
    return { ...raw, protocol } as ContainerPort;
  });
}

function checkResources(value: unknown, property: string, f: Failures): void {
  if (value === undefined || isUnknown(value)) return;
  if (!isRecord(value)) return f.add(property, "must be an object with limits and/or requests");
  const parsed: Record<string, { cpu?: number; memory?: number }> = {};
  for (const kind of ["limits", "requests"] as const) {
    const list = value[kind];
    if (list === undefined || isUnknown(list)) continue;
    if (!isRecord(list)) {
      f.add(`${property}.${kind}`, "must be an object with cpu and/or memory");
      continue;
    }
    parsed[kind] = {};
    for (const key of Object.keys(list)) {
      if (key !== "cpu" && key !== "memory")
        f.add(entryPath(`${property}.${kind}`, key), "only cpu and memory are supported");
    }
    const { cpu, memory } = list as ResourceList;
    if (cpu !== undefined && !isUnknown(cpu)) {
      parsed[kind].cpu = typeof cpu === "string" ? cpuToNanoCpus(cpu) : undefined;
      if (parsed[kind].cpu === undefined)
        f.add(`${property}.${kind}.cpu`, `${JSON.stringify(cpu)} is not a CPU quantity such as "500m", "0.5" or "2"`);
    }
    if (memory !== undefined && !isUnknown(memory)) {
      parsed[kind].memory = typeof memory === "string" ? memoryToBytes(memory) : undefined;
      if (parsed[kind].memory === undefined)
        f.add(
          `${property}.${kind}.memory`,
          `${JSON.stringify(memory)} is not a memory quantity such as "64Mi" or "1G"`,
        );
      else if (kind === "limits" && parsed[kind].memory! < MIN_MEMORY_BYTES)
        f.add(`${property}.limits.memory`, `${memory} is below Docker's minimum of 6Mi`);
    }
  }
  const { limits, requests } = parsed;
  if (limits?.cpu && requests?.cpu && requests.cpu > limits.cpu)
    f.add(`${property}.requests.cpu`, "must not exceed limits.cpu");
  if (limits?.memory && requests?.memory && requests.memory > limits.memory)
    f.add(`${property}.requests.memory`, "must not exceed limits.memory");
}
