// Pods as Docker and the node agent show them: the containers labelled with a pod identity, grouped by
// sandbox, with restarts the agent counted and readiness as podling-init reports it.
import type { PodEntry } from "../../agent/contract";
import { entryKey } from "../../agent/desired-state";
import { execIn, inspectContainer, listContainers } from "../../docker/containers";
import type { ContainerInfo } from "../../docker/containers";
import { LABEL } from "../../labels";
import { sandboxName } from "../../names";
import { INIT_BINARY } from "../../pod/init-tools";
import { parseInitState } from "../../pod/readiness";
import { AgentState, podEntryOf, readAgentState } from "./agent-state";
import { enforcedFirewall, summarizeFirewall } from "./firewall";
import type { ContainerView, FirewallView, PodDeploymentView, PodView } from "./model";

export interface PodQuery {
  /** Only this network's pods. */
  network?: string;
  /** The node name for pods whose sandbox names none (a single engine's own name). */
  engineName: string;
}

/** Every pod on the current engine (see onEngine), sorted by namespace and name. */
export async function readPods(query: PodQuery): Promise<PodView[]> {
  const filters = [`${LABEL.managed}=true`, LABEL.pod, ...(query.network ? [`${LABEL.network}=${query.network}`] : [])];
  const summaries = await listContainers(filters);
  const infos = (await Promise.all(summaries.map((s) => inspectContainer(s.Id)))).filter(
    (i): i is ContainerInfo => i !== undefined,
  );
  const sandboxes = infos.filter((i) => i.Config.Labels[LABEL.role] === "infra");
  const networks = [...new Set(sandboxes.map((s) => s.Config.Labels[LABEL.network]))];
  const states = new Map(await Promise.all(networks.map(async (n) => [n, await readAgentState(n)] as const)));
  const pods = await Promise.all(
    sandboxes.map((sandbox) => podOf(sandbox, infos, states.get(sandbox.Config.Labels[LABEL.network])!, query)),
  );
  return pods.sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
}

async function podOf(
  sandbox: ContainerInfo,
  all: ContainerInfo[],
  agent: AgentState,
  query: PodQuery,
): Promise<PodView> {
  const labels = sandbox.Config.Labels;
  const id = { network: labels[LABEL.network], namespace: labels[LABEL.namespace], pod: labels[LABEL.pod] };
  const key = sandboxName(id);
  const entry = podEntryOf(agent, entryKey("pod", key));
  const report = agent.reports.get(entryKey("pod", key));
  const members = all.filter(
    (c) =>
      c.Config.Labels[LABEL.network] === id.network &&
      c.Config.Labels[LABEL.namespace] === id.namespace &&
      c.Config.Labels[LABEL.pod] === id.pod,
  );
  const byRole = (role: string) =>
    inDeclaredOrder(
      members.filter((c) => c.Config.Labels[LABEL.role] === role),
      entry,
    );
  const restarts = report?.restarts ?? {};
  const firewall = firewallOf(agent, key, entry);
  return {
    namespace: id.namespace,
    name: id.pod,
    network: id.network,
    node: labels[LABEL.node] ?? query.engineName,
    ip: labels[LABEL.podIP] ?? sandbox.NetworkSettings.Networks[id.network]?.IPAddress,
    created: sandbox.Created,
    sandboxId: sandbox.Id,
    sandboxState: sandbox.State.Status,
    ...(labels[LABEL.stack] ? { stack: labels[LABEL.stack] } : {}),
    ...(entry?.labels ? { labels: entry.labels } : {}),
    ...deploymentOf(labels),
    initContainers: byRole("init").map((c) => containerOf(c, 0, undefined)),
    containers: await Promise.all(
      byRole("app").map((c) => withReadiness(containerOf(c, restarts[nameOf(c)] ?? 0, policyOf(entry, c)))),
    ),
    ...(report?.error ? { agentError: report.error } : {}),
    ...(firewall ? { firewall } : {}),
  };
}

/** The pod's firewall: rendered by the agent where it enforces the pod's policies, else the provider's entry. */
function firewallOf(agent: AgentState, key: string, entry: PodEntry | undefined): FirewallView | undefined {
  if (entry?.policyRevision) {
    const report = agent.reports.get(entryKey("policy-firewall", key));
    return summarizeFirewall(enforcedFirewall(entry, agent.desired.values()), report?.error);
  }
  const firewall = agent.desired.get(entryKey("firewall", key));
  const report = agent.reports.get(entryKey("firewall", key));
  return firewall && "kind" in firewall && firewall.kind === "firewall"
    ? summarizeFirewall(firewall.rules, report?.error)
    : undefined;
}

/** The Deployment that made the pod, as its sandbox's labels name it (provider/deployment/pod-spec.ts). */
function deploymentOf(labels: Record<string, string>): { deployment?: PodDeploymentView } {
  const name = labels[LABEL.deployment];
  const templateHash = labels[LABEL.templateHash];
  if (!name || !templateHash) return {};
  const replicas = Number(labels[LABEL.replicas]);
  return {
    deployment: {
      name,
      templateHash,
      ...(labels[LABEL.replicas] !== undefined && Number.isInteger(replicas) ? { replicas } : {}),
      ...(labels[LABEL.selector] !== undefined ? { selector: labels[LABEL.selector] } : {}),
    },
  };
}

const nameOf = (c: ContainerInfo) => c.Config.Labels[LABEL.container] ?? c.Name.replace(/^\//, "");

/** The pod's containers in the order its agent entry lists them (the declared order), else by creation. */
function inDeclaredOrder(containers: ContainerInfo[], entry: PodEntry | undefined): ContainerInfo[] {
  const order = [...(entry?.containers.map((c) => c.id) ?? []), ...(entry?.initContainers ?? [])];
  const rank = (c: ContainerInfo) => {
    const at = order.indexOf(c.Id);
    return at < 0 ? order.length : at;
  };
  return [...containers].sort((a, b) => rank(a) - rank(b) || a.Created.localeCompare(b.Created));
}

function policyOf(entry: PodEntry | undefined, c: ContainerInfo): string | undefined {
  return entry?.containers.find((e) => e.id === c.Id)?.restartPolicy;
}

function containerOf(c: ContainerInfo, agentRestarts: number, restartPolicy: string | undefined): ContainerView {
  const s = c.State;
  const ran = s.StartedAt && !s.StartedAt.startsWith("0001-");
  const finished = s.FinishedAt && !s.FinishedAt.startsWith("0001-");
  return {
    name: nameOf(c),
    id: c.Id,
    image: c.Config.Image,
    dockerState: s.Status,
    ...(ran ? { startedAt: s.StartedAt } : {}),
    ...(finished ? { finishedAt: s.FinishedAt } : {}),
    ...(finished || !s.Running ? { exitCode: s.ExitCode } : {}),
    oomKilled: s.OOMKilled,
    ...(s.Error ? { error: s.Error } : {}),
    restartCount: c.RestartCount + agentRestarts,
    ...(restartPolicy ? { restartPolicy } : {}),
    ready: false,
    mounts: (c.Mounts ?? []).map((m) => ({
      type: m.Type,
      source: m.Name ?? m.Source,
      destination: m.Destination,
      readOnly: !m.RW,
    })),
  };
}

/** Readiness as podling-init reports it inside a running container (its probes' state). */
async function withReadiness(c: ContainerView): Promise<ContainerView> {
  if (c.dockerState !== "running") return c;
  const result = await execIn(c.id, [INIT_BINARY, "status"]).catch((err: Error) => ({
    exitCode: -1,
    stdout: "",
    stderr: err.message,
  }));
  const state = parseInitState(result);
  const ready = state.started && state.ready;
  if (ready) return { ...c, ready, ...(state.readySince ? { readySince: state.readySince } : {}) };
  return { ...c, probeMessage: state.reason ?? (state.started ? "not ready" : "the startup probe has not passed yet") };
}
