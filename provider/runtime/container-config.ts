// An app container (CRI's CreateContainer): joins the sandbox's network namespace, so it shares the pod's
// address and localhost. Pure; running it lives in sync-pod.ts.
import type Dockerode from "dockerode";
import type { Container, PodSpec } from "../../sdk/types/output";
import { LABEL, podLabels } from "../labels";
import { appContainerName } from "../names";
import { cpuToNanoCpus, memoryToBytes } from "../validation/quantity";
import { identityOf } from "./sandbox-config";

export const RESTART_POLICY = { Name: "unless-stopped" };

export function appContainerConfig(spec: PodSpec, container: Container, sandboxId: string): Dockerode.ContainerCreateOptions {
  const id = identityOf(spec);
  return {
    name: appContainerName(id, container.name),
    Image: container.image,
    // Kubernetes semantics: command replaces ENTRYPOINT, args replace CMD; Docker drops the image's CMD
    // by itself when an entrypoint is given.
    Entrypoint: container.command,
    Cmd: container.args,
    WorkingDir: container.workingDir,
    Env: Object.entries(container.env ?? {}).map(([k, v]) => `${k}=${v}`),
    Labels: podLabels(id, "app", { [LABEL.container]: container.name }),
    HostConfig: {
      NetworkMode: `container:${sandboxId}`,
      // No restart policy while the pod starts, so an early exit shows with its exit code; sync-pod
      // sets RESTART_POLICY once the container has proved it runs.
      ...resourceSettings(container),
    },
  };
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
