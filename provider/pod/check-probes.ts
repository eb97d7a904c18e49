// `check` for a container's probes: exactly one handler, Kubernetes' defaults and bounds, and named ports
// that the container declares. Named ports are resolved here, so the runtime only sees numbers; a number
// need not be declared, as in Kubernetes (ports lists are informational there).
import type { Container, Probe } from "../../core/types";
import { isRecord } from "../check/common";
import { Failures, isUnknown } from "../check/failures";

export const PROBE_KINDS = ["livenessProbe", "readinessProbe", "startupProbe"] as const;
const HANDLERS = ["exec", "httpGet", "tcpSocket"] as const;
const MAX_SECONDS = 86_400;

/** Kubernetes' defaults; the minimum each field takes. */
const TIMING = {
  initialDelaySeconds: { default: 0, min: 0 },
  periodSeconds: { default: 10, min: 1 },
  timeoutSeconds: { default: 1, min: 1 },
  failureThreshold: { default: 3, min: 1 },
  successThreshold: { default: 1, min: 1 },
} as const;

/** This container's TCP port names and numbers, to check and resolve the names probes give. */
export type NamedPorts = Map<string, number>;

export function checkProbes(
  raw: Record<string, unknown>,
  at: string,
  ports: NamedPorts,
  f: Failures,
): Partial<Container> {
  const out: Partial<Container> = {};
  for (const kind of PROBE_KINDS) {
    if (raw[kind] === undefined || isUnknown(raw[kind])) continue;
    out[kind] = checkProbe(raw[kind], `${at}.${kind}`, kind, ports, f);
  }
  return out;
}

function checkProbe(
  value: unknown,
  at: string,
  kind: (typeof PROBE_KINDS)[number],
  ports: NamedPorts,
  f: Failures,
): Probe {
  if (!isRecord(value)) {
    f.add(at, "must be an object with one of exec, httpGet or tcpSocket");
    return value as Probe;
  }
  const given = HANDLERS.filter((h) => value[h] !== undefined);
  if (given.length === 0) f.add(at, "needs exactly one handler: exec, httpGet or tcpSocket");
  if (given.length > 1) f.add(at, `has ${given.join(" and ")}; a probe takes exactly one handler`);
  const probe = { ...value } as Record<string, unknown>;
  for (const [field, rule] of Object.entries(TIMING)) {
    const v = value[field] ?? rule.default;
    if (!isUnknown(v) && (!Number.isInteger(v) || (v as number) < rule.min || (v as number) > MAX_SECONDS)) {
      f.add(`${at}.${field}`, `${JSON.stringify(v)} must be a whole number from ${rule.min} to ${MAX_SECONDS}`);
    }
    probe[field] = v;
  }
  if (kind !== "readinessProbe" && probe.successThreshold !== 1 && !isUnknown(probe.successThreshold)) {
    f.add(`${at}.successThreshold`, `must be 1 for a ${kind}, as in Kubernetes`);
  }
  if (value.exec !== undefined) probe.exec = checkExec(value.exec, `${at}.exec`, f);
  if (value.httpGet !== undefined) probe.httpGet = checkHttpGet(value.httpGet, `${at}.httpGet`, ports, f);
  if (value.tcpSocket !== undefined) probe.tcpSocket = checkTcpSocket(value.tcpSocket, `${at}.tcpSocket`, ports, f);
  return probe as unknown as Probe;
}

function checkExec(value: unknown, at: string, f: Failures): unknown {
  if (isUnknown(value)) return value;
  const command = isRecord(value) ? value.command : undefined;
  if (isUnknown(command)) return value;
  if (
    !Array.isArray(command) ||
    command.length === 0 ||
    command.some((c) => typeof c !== "string" || c.includes("\0"))
  ) {
    f.add(`${at}.command`, "must be a non-empty list of strings (the command runs without a shell)");
  }
  return value;
}

function checkHttpGet(value: unknown, at: string, ports: NamedPorts, f: Failures): unknown {
  if (!isRecord(value)) {
    f.add(at, "must be an object with port and optionally path and scheme");
    return value;
  }
  const path = value.path ?? "/";
  if (!isUnknown(path) && (typeof path !== "string" || !path.startsWith("/") || /[\s\0]/.test(path))) {
    f.add(`${at}.path`, `${JSON.stringify(path)} must be an absolute URL path without spaces, such as "/healthz"`);
  }
  const scheme = value.scheme ?? "HTTP";
  if (!isUnknown(scheme) && scheme !== "HTTP" && scheme !== "HTTPS")
    f.add(`${at}.scheme`, `${JSON.stringify(scheme)} must be HTTP or HTTPS`);
  return { ...value, path, scheme, port: resolvePort(value.port, `${at}.port`, ports, f) };
}

function checkTcpSocket(value: unknown, at: string, ports: NamedPorts, f: Failures): unknown {
  if (!isRecord(value)) {
    f.add(at, "must be an object with port");
    return value;
  }
  return { ...value, port: resolvePort(value.port, `${at}.port`, ports, f) };
}

function resolvePort(port: unknown, at: string, ports: NamedPorts, f: Failures): unknown {
  if (isUnknown(port)) return port;
  if (typeof port === "string") {
    const number = ports.get(port);
    if (number === undefined) f.add(at, `"${port}" is not the name of one of this container's ports`);
    return number ?? port;
  }
  if (!Number.isInteger(port) || (port as number) < 1 || (port as number) > 65535)
    f.add(at, `${JSON.stringify(port)} is not a port number between 1 and 65535 or a port name`);
  return port;
}
