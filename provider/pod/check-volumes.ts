// `check` for a pod's volumes and its containers' volumeMounts: exactly one source per volume, safe
// absolute paths, and mounts that name a declared volume.
import type { Volume, VolumeMount } from "../../core/types";
import { isRecord } from "../check/common";
import { Failures, isUnknown } from "../check/failures";
import { dns1123Label } from "../check/names";
import { memoryToBytes } from "../../core/quantity";

const HOST_PATH_TYPES = ["", "DirectoryOrCreate", "Directory", "File", "Socket"];
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
      f.add(at, "must be an object with name and one of emptyDir or hostPath");
      return raw as Volume;
    }
    if (!isUnknown(raw.name)) {
      const problem = dns1123Label(raw.name);
      if (problem) f.add(`${at}.name`, problem);
      else if (names.has(raw.name as string)) f.add(`${at}.name`, `duplicate volume name "${raw.name}"`);
      names.add(raw.name as string);
    }
    const sources = ["emptyDir", "hostPath"].filter((k) => raw[k] !== undefined);
    if (sources.length !== 1)
      f.add(
        at,
        sources.length === 0 ? "needs a source: emptyDir or hostPath" : "has both emptyDir and hostPath; choose one",
      );
    if (raw.emptyDir !== undefined) checkEmptyDir(raw.emptyDir, `${at}.emptyDir`, f);
    if (raw.hostPath !== undefined) checkHostPath(raw.hostPath, `${at}.hostPath`, f);
    return raw as unknown as Volume;
  });
  return { volumes, names };
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
