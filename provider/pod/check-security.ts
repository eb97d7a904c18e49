// `check` for a container's securityContext: Kubernetes' capability names (without the CAP_ prefix), or ALL.
import type { SecurityContext } from "../../core/types";
import { isRecord } from "../check/common";
import { Failures, isUnknown } from "../check/failures";

/** The Linux capabilities, as Kubernetes and Docker name them. */
export const CAPABILITIES = [
  "AUDIT_CONTROL",
  "AUDIT_READ",
  "AUDIT_WRITE",
  "BLOCK_SUSPEND",
  "BPF",
  "CHECKPOINT_RESTORE",
  "CHOWN",
  "DAC_OVERRIDE",
  "DAC_READ_SEARCH",
  "FOWNER",
  "FSETID",
  "IPC_LOCK",
  "IPC_OWNER",
  "KILL",
  "LEASE",
  "LINUX_IMMUTABLE",
  "MAC_ADMIN",
  "MAC_OVERRIDE",
  "MKNOD",
  "NET_ADMIN",
  "NET_BIND_SERVICE",
  "NET_BROADCAST",
  "NET_RAW",
  "PERFMON",
  "SETFCAP",
  "SETGID",
  "SETPCAP",
  "SETUID",
  "SYS_ADMIN",
  "SYS_BOOT",
  "SYS_CHROOT",
  "SYS_MODULE",
  "SYS_NICE",
  "SYS_PACCT",
  "SYS_PTRACE",
  "SYS_RAWIO",
  "SYS_RESOURCE",
  "SYS_TIME",
  "SYS_TTY_CONFIG",
  "SYSLOG",
  "WAKE_ALARM",
];

export function checkSecurityContext(value: unknown, at: string, f: Failures): SecurityContext | undefined {
  if (value === undefined || isUnknown(value)) return value as undefined;
  if (!isRecord(value)) {
    f.add(at, "must be an object with capabilities");
    return undefined;
  }
  for (const key of Object.keys(value))
    if (key !== "capabilities") f.add(`${at}.${key}`, "is not supported; only capabilities is");
  const caps = value.capabilities;
  if (caps === undefined || isUnknown(caps)) return value as SecurityContext;
  if (!isRecord(caps)) {
    f.add(`${at}.capabilities`, "must be an object with add and drop lists");
    return undefined;
  }
  for (const key of Object.keys(caps))
    if (key !== "add" && key !== "drop") f.add(`${at}.capabilities.${key}`, "is not a field; use add or drop");
  for (const list of ["add", "drop"] as const) {
    const names = caps[list];
    if (names === undefined || isUnknown(names)) continue;
    if (!Array.isArray(names)) {
      f.add(`${at}.capabilities.${list}`, "must be a list of capability names");
      continue;
    }
    names.forEach((name, i) => {
      if (isUnknown(name)) return;
      const problem = capabilityProblem(name);
      if (problem) f.add(`${at}.capabilities.${list}[${i}]`, problem);
    });
  }
  return value as SecurityContext;
}

function capabilityProblem(name: unknown): string | undefined {
  if (typeof name !== "string") return "must be a capability name";
  if (name === "ALL" || CAPABILITIES.includes(name)) return undefined;
  const bare = name.toUpperCase().replace(/^CAP_/, "");
  if (bare === "ALL" || CAPABILITIES.includes(bare)) return `write "${bare}", as Kubernetes names capabilities`;
  return `"${name}" is not a Linux capability (NET_ADMIN, NET_RAW, SYS_TIME, ...)`;
}
