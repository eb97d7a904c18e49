// dockerode's types that code outside the seam names, re-exported so that only provider/docker/ imports
// dockerode. They are Docker API shapes (container, network and volume options as the Engine API takes them).
import type Dockerode from "dockerode";

export type ContainerCreateOptions = Dockerode.ContainerCreateOptions;
export type ContainerInspectInfo = Dockerode.ContainerInspectInfo;
/** One row of a container listing. */
export type ContainerSummary = Dockerode.ContainerInfo;
export type MountSettings = Dockerode.MountSettings;
export type NetworkCreateOptions = Dockerode.NetworkCreateOptions;
export type NetworkInspectInfo = Dockerode.NetworkInspectInfo;
export type VolumeCreateOptions = Dockerode.VolumeCreateOptions;
/** One row of a volume listing: its name and labels. */
export type VolumeInfo = { Name: string; Labels: Record<string, string> };
export type ImageInspectInfo = Dockerode.ImageInspectInfo;

/** What `docker info` says, as far as Podling reads it. */
export interface EngineInfo {
  /** The engine's host name, which Podling shows as the node of its pods. */
  Name?: string;
  ServerVersion?: string;
  OperatingSystem?: string;
  KernelVersion?: string;
  NCPU: number;
  MemTotal: number;
  /** The engine's own labels (dockerd --label), "key=value". */
  Labels?: string[];
  Swarm: {
    NodeID?: string;
    LocalNodeState?: string;
    ControlAvailable?: boolean;
    NodeAddr?: string;
    Cluster?: { ID?: string };
  };
}

export interface SwarmInitOptions {
  ListenAddr: string;
  AdvertiseAddr?: string;
  Spec?: { Labels?: Record<string, string> };
}

export interface SwarmJoinOptions {
  ListenAddr: string;
  AdvertiseAddr?: string;
  RemoteAddrs: string[];
  JoinToken: string;
}

/** The Swarm as a manager reports it. */
export interface SwarmInspectInfo {
  ID: string;
  JoinTokens: { Manager: string; Worker: string };
  Version: { Index: number };
  /** The Swarm's spec; Podling reads and writes only its labels, and sends the rest back as it was. */
  Spec: { Labels?: Record<string, string> } & Record<string, unknown>;
}

export interface SwarmNodeSpec {
  Role: string;
  Availability: string;
  Labels?: Record<string, string>;
}

export interface SwarmNodeInfo {
  ID: string;
  Version: { Index: number };
  Spec: SwarmNodeSpec;
  Status: { State: string; Addr?: string };
  /** The node's engine as it last reported itself; its Engine.Labels are dockerd's --label values. */
  Description?: { Hostname?: string; Engine?: { Labels?: Record<string, string> } };
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface ExecOptions {
  privileged?: boolean;
  stdin?: string;
}

export interface LogOptions {
  follow: boolean;
  /** Only the last lines; all when absent. */
  tail?: number;
  /** Unix seconds: only what was written before. */
  until?: number;
  /** Unix seconds: only what was written since. */
  since?: number;
}

/** A stream that runs until its source ends or `stop` is called. */
export interface Session {
  done: Promise<void>;
  stop(): void;
}

/** A terminal's streams for an attached command; with `tty`, Docker allocates a pseudo-terminal. */
export interface AttachedIO {
  stdin?: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  tty?: { columns: number; rows: number; onResize(listener: (columns: number, rows: number) => void): void };
}

/** One of Docker's recorded events (`docker events`), as far as Podling reads it. */
export interface EngineEvent {
  Type: string;
  Action: string;
  Actor: { ID: string; Attributes?: Record<string, string> };
  time: number;
  timeNano?: number;
}
