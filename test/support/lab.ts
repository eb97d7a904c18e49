// Several real Docker engines on this machine, for the cluster tests: scripts/lab-nodes.sh starts each
// dockerd in a network namespace of its own, joined by a bridge. Fails loudly when it cannot; never skips.
import { execFile, execFileSync } from "child_process";
import Docker from "dockerode";
import * as fs from "fs";
import * as path from "path";
import { onEngine } from "../../provider/docker/client";
import { LABEL } from "../../provider/labels";
import { exec } from "./docker";
import { testStack, TestStack } from "./pulumi";

const SCRIPT = path.join(__dirname, "..", "..", "scripts", "lab-nodes.sh");

/** A pod pinned to a node that serves its name on port 9000 (a test program's pod declaration). */
export function probePod(name: string, nodeName: string) {
  return {
    resource: name,
    nodeName,
    terminationGracePeriodSeconds: 1,
    containers: [
      {
        name: "probe",
        image: "podling/probe:1",
        command: ["podling-probe", "serve", name, "9000", "-"],
        ports: [{ containerPort: 9000 }],
      },
    ],
  };
}

export interface LabNode {
  name: string;
  /** The engine's unix socket. */
  dockerHost: string;
  advertiseAddr: string;
  /** The same engine as a remote one: tcp://ADDRESS:2376 with TLS, client keys in LAB_CERT_PATH. */
  tlsHost: string;
}

/** DOCKER_CERT_PATH for the nodes' TLS endpoints. */
export const LAB_CERT_PATH = "/var/lib/podling-lab/certs/client";

const LAB_TIMEOUT_MS = 180_000;

function labFailed(args: string[], err: unknown): Error {
  const e = err as { stderr?: string; message: string };
  return new Error(`scripts/lab-nodes.sh ${args.join(" ")} failed: ${e.stderr || e.message}`);
}

function lab(...args: string[]): string {
  try {
    return execFileSync("bash", [SCRIPT, ...args], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      timeout: LAB_TIMEOUT_MS,
    });
  } catch (err) {
    throw labFailed(args, err);
  }
}

/** lab, leaving the event loop free: for steps that probes in this process must run through. */
function labInBackground(...args: string[]): Promise<void> {
  return new Promise((resolve, reject) =>
    execFile("bash", [SCRIPT, ...args], { timeout: LAB_TIMEOUT_MS }, (err) =>
      err ? reject(labFailed(args, err)) : resolve(),
    ),
  );
}

/** Starts `count` engines (n1, n2, ...) with the podling images loaded, and returns them. */
export function startLab(count: number): LabNode[] {
  lab("up", String(count));
  return lab("env")
    .trim()
    .split("\n")
    .map((line) => {
      const [name, dockerHost, advertiseAddr, tlsHost] = line.split(" ");
      return { name, dockerHost, advertiseAddr, tlsHost };
    });
}

/** Stops everything the lab made: engines, namespaces, bridge, firewall rule, data. */
export function removeLab(): void {
  lab("down");
}

/** Stops one node's engine the way a lost machine stops answering. */
export function stopNode(name: string): void {
  lab("stop", name);
}

/** stopNode, while probes in this process go on running. */
export function stopNodeInBackground(name: string): Promise<void> {
  return labInBackground("stop", name);
}

export function startNode(name: string): void {
  lab("start", name);
}

/** Runs a command in a node's network namespace (podlab-NAME, as scripts/lab-nodes.sh names it); its stdout. */
export function inNodeNamespace(node: LabNode, cmd: string[]): string {
  return execFileSync("nsenter", [`--net=/var/run/netns/podlab-${node.name}`, ...cmd], {
    encoding: "utf8",
    timeout: 30_000,
  });
}

export function nodeDocker(node: LabNode): Docker {
  return new Docker({ socketPath: new URL(node.dockerHost).pathname });
}

export async function answers(node: LabNode): Promise<boolean> {
  return nodeDocker(node)
    .ping()
    .then(
      () => true,
      () => false,
    );
}

/** Runs a command in a container on a node; stdout, or an error with stderr. */
export function execOn(node: LabNode, containerId: string, cmd: string[]): Promise<string> {
  return onEngine(node, () => exec(containerId, cmd));
}

/**
 * What Podling left on a node: its containers, networks and volumes (podling-init's cache included), and the node's
 * Swarm state.
 */
export async function leftoversOn(node: LabNode): Promise<string[]> {
  const d = nodeDocker(node);
  const managed = { label: [`${LABEL.managed}=true`] };
  const containers = (await d.listContainers({ all: true, filters: managed })).map((c) => `container ${c.Names[0]}`);
  const networks = (await d.listNetworks({ filters: managed })).map((n) => `network ${n.Name}`);
  const volumes = [
    ...((await d.listVolumes({ filters: managed })).Volumes ?? []),
    ...((await d.listVolumes({ filters: { label: [LABEL.tools] } })).Volumes ?? []),
  ].map((v) => `volume ${v.Name}`);
  const swarm = ((await d.info()) as { Swarm: { LocalNodeState: string } }).Swarm.LocalNodeState;
  return [...containers, ...networks, ...volumes, ...(swarm === "inactive" ? [] : [`swarm state ${swarm}`])];
}

export interface Lab {
  nodes: LabNode[];
  stack: TestStack;
  node(name: string): LabNode;
  /** For the cluster test program: writes what it declares and points its config at it. */
  declare(world: unknown): Promise<void>;
}

/**
 * Gives a suite `count` lab engines and a stack of `program`, through beforeAll and afterAll: afterwards
 * the stack is destroyed (stopped nodes are started again so that destroy reaches them) and the lab is
 * removed, whatever happened.
 */
export function useLab(count: number, program: string): Lab {
  const lab = {} as Lab;
  beforeAll(async () => {
    // scripts/lab-nodes.sh checks that the root engine answers, under the lock its restarts hold.
    const started = Date.now();
    lab.nodes = startLab(count);
    console.log(`lab: ${count} engines up with images in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    process.env.DOCKER_CERT_PATH = LAB_CERT_PATH; // for the provider process, which inherits it
    lab.stack = await testStack(program, {});
    lab.node = (name) => lab.nodes.find((n) => n.name === name)!;
    lab.declare = async (world) => {
      const file = path.join(lab.stack.backendDir, "world.json");
      fs.writeFileSync(file, JSON.stringify(world));
      await lab.stack.stack.setConfig("worldFile", { value: file });
    };
  });
  afterAll(async () => {
    try {
      for (const node of lab.nodes ?? []) if (!(await answers(node))) startNode(node.name);
      await lab.stack?.dispose();
    } finally {
      removeLab();
    }
  });
  return lab;
}
