// App and init containers (CRI's CreateContainer): they join the sandbox's network namespace, so they
// share the pod's address and localhost, and mount the pod's volumes. App containers run under
// podling-init, which runs their probes. Pure; running them lives in sync-pod.ts.
import type { ContainerCreateOptions } from "../docker/types";
import type { Container, PodSpec, Probe, RestartPolicy } from "../../core/types";
import { LABEL, podLabels, Role } from "../labels";
import { appContainerName } from "../names";
import { cpuToNanoCpus, memoryToBytes } from "../../core/quantity";
import { containerEnv, lookupIn } from "../../core/config-values";
import type * as init from "./init-contract";
import { INIT_BINARY, INIT_MOUNT, INIT_STATE_MOUNT } from "./init-tools";
import { mountsOf } from "./volumes";
import { identityOf } from "./sandbox-config";

/** Kubernetes' pod restartPolicy in Docker's words. */
export function dockerRestartPolicy(policy: RestartPolicy): { Name: string } {
  return { Name: { Always: "unless-stopped", OnFailure: "on-failure", Never: "no" }[policy] };
}

/**
 * What the container runs: Kubernetes semantics (command replaces ENTRYPOINT, args replace CMD, and a
 * command without args drops the image's CMD), resolved against the image's own settings.
 */
export function commandLine(container: Container, image: { entrypoint: string[]; cmd: string[] }): string[] {
  if (container.command) return [...container.command, ...(container.args ?? [])];
  return [...image.entrypoint, ...(container.args ?? image.cmd)];
}

/** The argument podling-init takes (tools/podinit/schema/spec.schema.json): the probes as checked. */
export function initSpec(spec: PodSpec, container: Container): init.Spec {
  const { livenessProbe, readinessProbe, startupProbe } = container;
  return {
    container: container.name,
    graceSeconds: spec.terminationGracePeriodSeconds,
    livenessProbe: initProbe(livenessProbe),
    readinessProbe: initProbe(readinessProbe),
    startupProbe: initProbe(startupProbe),
  };
}

function initProbe(probe: Probe | undefined): init.Probe | undefined {
  if (!probe) return undefined;
  const {
    exec,
    httpGet,
    tcpSocket,
    initialDelaySeconds,
    periodSeconds,
    timeoutSeconds,
    failureThreshold,
    successThreshold,
  } = probe;
  // check (validation/probes.ts) has resolved named ports: only numbers are left.
  return {
    exec: exec && { command: exec.command },
    httpGet: httpGet && { path: httpGet.path, port: httpGet.port as number, scheme: httpGet.scheme },
    tcpSocket: tcpSocket && { port: tcpSocket.port as number },
    initialDelaySeconds,
    periodSeconds,
    timeoutSeconds,
    failureThreshold,
    successThreshold,
  };
}

/** The running sandbox a container joins: its id, and the pod's address for fieldRef status.podIP. */
export interface Sandbox {
  id: string;
  podIP: string;
}

export function appContainerConfig(
  spec: PodSpec,
  container: Container,
  sandbox: Sandbox,
  argv: string[],
  toolsVolume: string,
): ContainerCreateOptions {
  const base = containerBase(spec, container, sandbox, "app");
  const { Mounts, Binds } = mountsOf(spec, container);
  return {
    ...base,
    Entrypoint: [INIT_BINARY, "run", JSON.stringify(initSpec(spec, container)), "--", ...argv],
    HostConfig: {
      ...base.HostConfig,
      Mounts: [...Mounts, { Type: "volume", Source: toolsVolume, Target: INIT_MOUNT, ReadOnly: true }],
      Binds,
      Tmpfs: { [INIT_STATE_MOUNT]: "rw,size=64k,mode=0755" },
    },
  };
}

/** An init container runs its command as it is, once; sync-pod waits for it to exit. */
export function initContainerConfig(spec: PodSpec, container: Container, sandbox: Sandbox): ContainerCreateOptions {
  const base = containerBase(spec, container, sandbox, "init");
  return {
    ...base,
    // Kubernetes semantics: command replaces ENTRYPOINT, args replace CMD; Docker drops the image's CMD
    // by itself when an entrypoint is given.
    Entrypoint: container.command,
    Cmd: container.args,
    HostConfig: { ...base.HostConfig, ...mountsOf(spec, container) },
  };
}

function containerBase(spec: PodSpec, container: Container, sandbox: Sandbox, role: Role): ContainerCreateOptions {
  const id = identityOf(spec);
  return {
    name: appContainerName(id, container.name),
    Image: container.image,
    WorkingDir: container.workingDir,
    Env: dockerEnv(spec, container, sandbox.podIP),
    Labels: podLabels(id, role, { [LABEL.container]: container.name }),
    HostConfig: {
      NetworkMode: `container:${sandbox.id}`,
      // No restart policy while the pod starts, so an early exit shows with its exit code; sync-pod
      // sets the pod's policy once the container has proved it runs.
      ...resourceSettings(container),
      ...capabilitySettings(container),
    },
  };
}

/**
 * The container's variables, with what it takes from ConfigMaps, Secrets and the pod's own fields. check
 * refused every missing source and key already; one here (a state check never saw) fails the create,
 * naming the key and never a value.
 */
function dockerEnv(spec: PodSpec, container: Container, podIP: string): string[] {
  const fields = { name: spec.name, namespace: spec.namespace, podIP };
  const { variables, problems } = containerEnv(container, lookupIn(spec), fields);
  if (problems.length > 0)
    throw new Error(`container "${container.name}": ${problems.map((p) => `${p.at}: ${p.reason}`).join("; ")}`);
  return variables.map(([k, v]) => `${k}=${v}`);
}

/**
 * Docker's default capabilities, less NET_RAW unless the container adds it: with raw sockets a process
 * can forge its source address, and so pass any network policy that trusts a peer's address.
 */
export function capabilitySettings(container: Container): { CapAdd?: string[]; CapDrop: string[] } {
  const { add = [], drop = [] } = container.securityContext?.capabilities ?? {};
  const keepsRaw = add.includes("NET_RAW") || add.includes("ALL");
  const dropped = [...new Set([...(keepsRaw ? [] : ["NET_RAW"]), ...drop])];
  return add.length > 0 ? { CapAdd: add, CapDrop: dropped } : { CapDrop: dropped };
}

/** cpu and memory limits and requests as Docker settings; also what `docker update` takes in place. */
export function resourceSettings(container: Container): Record<string, number> {
  const { limits = {}, requests = {} } = container.resources ?? {};
  const memory = limits.memory ? memoryToBytes(limits.memory)! : 0;
  return {
    NanoCpus: limits.cpu ? cpuToNanoCpus(limits.cpu)! : 0,
    Memory: memory,
    // No swap beyond the limit, as in Kubernetes; -1 lifts the cap when there is no limit.
    MemorySwap: memory > 0 ? memory : -1,
    CpuShares: requests.cpu ? Math.max(2, Math.round((cpuToNanoCpus(requests.cpu)! / 1e9) * 1024)) : 0,
    MemoryReservation: requests.memory ? memoryToBytes(requests.memory)! : 0,
  };
}
