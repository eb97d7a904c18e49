// The benchmark workload, the same for every tool: N pods of two containers on one network (a server
// and a sidecar sharing localhost), and one service per 10 pods. Only loopback and the bench's own
// network carry traffic.
export const BUSYBOX = "podling/busybox:1";
export const NETUTIL = "podling/netutil:1";
export const PAUSE = "podling/pause:1";

export interface Workload {
  /** Pods to declare now. */
  n: number;
  /** Changes the env of pod p0 only: the "update one" operation. */
  variant: string;
  network: string;
  cidr: string;
}

/** The workload a benchmark program is given, from its stack config (n, variant, network, cidr). */
export function workloadFromConfig(config: {
  require(key: string): string;
  requireNumber(key: string): number;
}): Workload {
  return {
    n: config.requireNumber("n"),
    variant: config.require("variant"),
    network: config.require("network"),
    cidr: config.require("cidr"),
  };
}

export const podNames = (n: number) => Array.from({ length: n }, (_, i) => `p${i}`);
export const serviceCount = (n: number) => Math.max(1, Math.floor(n / 10));
/** Services select pods by group: pod i is in group floor(i / 10). */
export const groupOf = (i: number) => `g${Math.floor(i / 10)}`;

export function serverCommand(pod: string): string[] {
  return [
    "sh",
    "-c",
    `trap 'exit 0' TERM; mkdir -p /www; echo ${pod} > /www/index.html; httpd -f -p 8080 -h /www & wait`,
  ];
}
export const SIDECAR_COMMAND = ["sh", "-c", "trap 'exit 0' TERM; sleep 86400 & wait"];

/** The env of a pod's server: only p0 carries the variant, so "update one" touches one pod. */
export function serverEnv(i: number, w: Workload): Record<string, string> {
  return { POD_INDEX: String(i), ...(i === 0 ? { VARIANT: w.variant } : {}) };
}
