// `check` for a pod's volumes and its containers' volumeMounts: exactly one source per volume, safe
// absolute paths, and mounts that name a declared volume. Whether a configMap or secret volume's source
// and keys exist is check-config-refs.ts's part.
import type { Volume, VolumeMount } from "../../core/types";
import { isRecord } from "../check/common";
import { entryPath, Failures, isUnknown } from "../check/failures";
import { checkRef } from "./check-env";
import { configKey, dns1123Label } from "../check/names";
import { memoryToBytes } from "../../core/quantity";

const HOST_PATH_TYPES = ["", "DirectoryOrCreate", "Directory", "File", "Socket"];
const SOURCES = ["emptyDir", "hostPath", "configMap", "secret"];
/** The ustar headers that carry the files hold at most 99 bytes of path. */
const MAX_ITEM_PATH_BYTES = 99;
/** Where podling-init and its state live in every app container. */
export const RESERVED_MOUNT_ROOT = "/.podling";
/**
 * The engine's socket under both names (/var/run is a link to /run); mounting it, or a directory above
 * it, hands over the host.
 */
const DOCKER_SOCKETS = ["/var/run/docker.sock", "/run/docker.sock"];

export function checkVolumes(value: unknown, f: Failures): { volumes: Volume[] | undefined; names: Set<string> } {
  const names = new Set<string>();
  if (value === undefined || isUnknown(value)) return { volumes: value as undefined, names };
  if (!Array.isArray(value)) {
    f.add("volumes", "must be a list of volumes");
    return { volumes: undefined, names };
  }
  const volumes = value.map((raw, i) => {
    const at = `volumes[${i}]`;
    if (!isRecord(raw)) {
      f.add(at, `must be an object with name and one of ${SOURCES.join(", ")}`);
      return raw as Volume;
    }
    if (!isUnknown(raw.name)) {
      const problem = dns1123Label(raw.name);
      if (problem) f.add(`${at}.name`, problem);
      else if (names.has(raw.name as string)) f.add(`${at}.name`, `duplicate volume name "${raw.name}"`);
      names.add(raw.name as string);
    }
    for (const field of Object.keys(raw).filter((k) => k !== "name" && !SOURCES.includes(k)))
      f.add(entryPath(at, field), `is not a supported volume source (${SOURCES.join(", ")})`);
    const sources = SOURCES.filter((k) => raw[k] !== undefined);
    if (sources.length !== 1)
      f.add(
        at,
        sources.length === 0
          ? `needs a source: one of ${SOURCES.join(", ")}`
          : `has ${sources.join(" and ")}; choose one`,
      );
    if (raw.emptyDir !== undefined) checkEmptyDir(raw.emptyDir, `${at}.emptyDir`, f);
    if (raw.hostPath !== undefined) checkHostPath(raw.hostPath, `${at}.hostPath`, f);
    if (raw.configMap !== undefined) checkProjection(raw.configMap, `${at}.configMap`, "name", f);
    if (raw.secret !== undefined) checkProjection(raw.secret, `${at}.secret`, "secretName", f);
    return raw as unknown as Volume;
  });
  return { volumes, names };
}

/** A configMap or secret volume: the source's name, then Kubernetes' items, defaultMode and optional. */
function checkProjection(value: unknown, at: string, nameField: "name" | "secretName", f: Failures): void {
  if (isUnknown(value)) return;
  if (!isRecord(value)) return f.add(at, `must be an object with ${nameField}`);
  const { items, defaultMode, ...ref } = value;
  checkRef(ref, at, false, f, nameField);
  checkMode(defaultMode, `${at}.defaultMode`, f);
  if (items === undefined || isUnknown(items)) return;
  if (!Array.isArray(items)) return f.add(`${at}.items`, "must be a list of { key, path, mode }");
  const paths = new Set<string>();
  items.forEach((item, i) => {
    const itemAt = `${at}.items[${i}]`;
    if (isUnknown(item)) return;
    if (!isRecord(item)) return f.add(itemAt, "must be an object with key and path");
    for (const field of Object.keys(item).filter((k) => !["key", "path", "mode"].includes(k)))
      f.add(entryPath(itemAt, field), "is not a field of an item (key, path, mode)");
    if (!isUnknown(item.key)) {
      const problem = typeof item.key === "string" ? configKey(item.key) : "is required";
      if (problem) f.add(`${itemAt}.key`, problem);
    }
    checkMode(item.mode, `${itemAt}.mode`, f);
    if (isUnknown(item.path)) return;
    const problem = itemPathProblem(item.path);
    if (problem) f.add(`${itemAt}.path`, problem);
    else if (paths.has(item.path as string)) f.add(`${itemAt}.path`, `duplicate path "${item.path}"`);
    paths.add(item.path as string);
  });
}

function checkMode(value: unknown, at: string, f: Failures): void {
  if (value === undefined || isUnknown(value)) return;
  if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > 0o777)
    f.add(at, `${JSON.stringify(value)} must be a file mode from 0 to 0777 (511)`);
}

/** Kubernetes' rule for an item's path: relative, without '..' segments; and short enough for a ustar header. */
function itemPathProblem(path: unknown): string | undefined {
  if (typeof path !== "string" || path === "") return "must be a non-empty relative path";
  if (path.startsWith("/")) return `"${path}" must be relative`;
  if (path.split("/").some((part) => part === ".." || part === ""))
    return `"${path}" must not contain '..' or empty segments`;
  if (path.includes("\0")) return "must not contain NUL characters";
  if (Buffer.byteLength(path) > MAX_ITEM_PATH_BYTES) return `is longer than ${MAX_ITEM_PATH_BYTES} bytes`;
  return undefined;
}

function checkEmptyDir(value: unknown, at: string, f: Failures): void {
  if (isUnknown(value)) return;
  if (!isRecord(value)) return f.add(at, "must be an object ({} for a plain emptyDir)");
  if (value.medium !== undefined && value.medium !== "" && value.medium !== "Memory")
    f.add(`${at}.medium`, `${JSON.stringify(value.medium)} must be "" or "Memory"`);
  if (
    value.sizeLimit !== undefined &&
    !isUnknown(value.sizeLimit) &&
    (typeof value.sizeLimit !== "string" || memoryToBytes(value.sizeLimit) === undefined)
  ) {
    f.add(`${at}.sizeLimit`, `${JSON.stringify(value.sizeLimit)} is not a quantity such as "64Mi"`);
  }
}

function checkHostPath(value: unknown, at: string, f: Failures): void {
  if (isUnknown(value)) return;
  if (!isRecord(value)) return f.add(at, "must be an object with path");
  const problem = pathProblem(value.path);
  if (problem) f.add(`${at}.path`, problem);
  const type = value.type ?? "";
  if (!isUnknown(type) && !HOST_PATH_TYPES.includes(type as string))
    f.add(
      `${at}.type`,
      `${JSON.stringify(type)} must be one of ${HOST_PATH_TYPES.map((t) => JSON.stringify(t)).join(", ")}`,
    );
  if (typeof value.path === "string" && !problem) {
    const socketProblem = dockerSocketProblem(value.path, type);
    if (socketProblem) f.add(`${at}.path`, socketProblem);
  }
}

/**
 * The Docker socket gives the pod control of the host. It may be mounted only on its own, spelled as
 * itself, with type "Socket"; a directory that holds it (`/`, `/run`, `/var/run`) never.
 */
function dockerSocketProblem(path: string, type: unknown): string | undefined {
  const normal = path.replace(/\/+/g, "/").replace(/(.)\/$/, "$1");
  const socket = DOCKER_SOCKETS.find((s) => s === normal);
  if (socket) {
    if (type !== "Socket")
      return `${path} is the Docker socket, which gives the pod control of the host; set type: "Socket" to say that is intended`;
    if (path !== socket)
      return `${JSON.stringify(path)} is the Docker socket spelled another way; write it as ${socket}`;
    return undefined;
  }
  const holds = DOCKER_SOCKETS.find((s) => normal === "/" || s.startsWith(`${normal}/`));
  if (holds)
    return `${JSON.stringify(path)} contains the Docker socket (${holds}), which gives the pod control of the host; mount a directory that does not hold it, or the socket alone with type: "Socket"`;
  return undefined;
}

/** Absolute, normalised, and free of what Docker's mount syntax or a shell would read specially. */
function pathProblem(path: unknown): string | undefined {
  if (isUnknown(path)) return undefined;
  if (typeof path !== "string" || !path.startsWith("/")) return `${JSON.stringify(path)} must be an absolute path`;
  if (path.length > 4096) return "is longer than 4096 characters";
  if (/[\0\n:,]/.test(path)) return `${JSON.stringify(path)} must not contain NUL, newline, ':' or ','`;
  if (path.split("/").some((part) => part === ".." || part === "."))
    return `${JSON.stringify(path)} must not contain "." or ".." segments`;
  return undefined;
}

export function checkVolumeMounts(
  value: unknown,
  at: string,
  volumeNames: Set<string>,
  f: Failures,
): VolumeMount[] | undefined {
  if (value === undefined || isUnknown(value)) return value as undefined;
  if (!Array.isArray(value)) {
    f.add(at, "must be a list of volume mounts");
    return undefined;
  }
  const paths = new Set<string>();
  return value.map((raw, j) => {
    const mountAt = `${at}[${j}]`;
    if (!isRecord(raw)) {
      f.add(mountAt, "must be an object with name and mountPath");
      return raw as VolumeMount;
    }
    if (!isUnknown(raw.name) && !volumeNames.has(raw.name as string))
      f.add(`${mountAt}.name`, `${JSON.stringify(raw.name)} is not one of the pod's volumes`);
    const problem = pathProblem(raw.mountPath);
    if (problem) f.add(`${mountAt}.mountPath`, problem);
    else if (typeof raw.mountPath === "string") {
      const path = raw.mountPath.replace(/\/+$/, "") || "/";
      if (path === "/" || path === RESERVED_MOUNT_ROOT || path.startsWith(`${RESERVED_MOUNT_ROOT}/`))
        f.add(`${mountAt}.mountPath`, `${path} is reserved (the root, or where podling-init lives)`);
      else if (paths.has(path)) f.add(`${mountAt}.mountPath`, `${path} is already mounted in this container`);
      paths.add(path);
    }
    const readOnly = raw.readOnly ?? false;
    if (typeof readOnly !== "boolean" && !isUnknown(readOnly)) f.add(`${mountAt}.readOnly`, "must be true or false");
    return { ...raw, readOnly } as VolumeMount;
  });
}
