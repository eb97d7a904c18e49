// `podling describe pod`: kubectl's layout (labelled fields, indented sections) for what the engine
// holds of a pod. Pure.
import type { ContainerView, PodView } from "../read/model";
import { describeTime } from "./age";
import { EVENT_HEADERS, eventRows, PodEvent } from "./events";
import { containerReason, podReady, podStatus } from "./pod-rows";
import { renderTable } from "./table";

type Field = [label: string, value: string];

export function describePod(pod: PodView, events: PodEvent[], now: number): string {
  const lines: string[] = [];
  fields(lines, "", [
    ["Name", pod.name],
    ["Namespace", pod.namespace],
    ["Node", pod.node],
    ["Start Time", describeTime(pod.created)],
    ["Labels", labelsText(pod.labels)],
    ["Status", podStatus(pod)],
    ["IP", pod.ip ?? "<none>"],
    ["Network", pod.network],
    ...(pod.stack ? ([["Stack", pod.stack]] as Field[]) : []),
    ["Sandbox", `docker://${pod.sandboxId} (${pod.sandboxState})`],
  ]);
  if (pod.agentError) fields(lines, "", [["Node Agent", pod.agentError]]);
  if (pod.initContainers.length) containers(lines, "Init Containers", pod.initContainers, events);
  containers(lines, "Containers", pod.containers, events);
  const ready = pod.containers.every((c) => c.ready);
  const yes = (ok: boolean) => (ok ? "True" : "False");
  lines.push("Conditions:");
  const conditions = renderTable(
    ["Type", "Status"],
    [
      ["PodScheduled", "True"],
      ["Initialized", yes(!podStatus(pod).startsWith("Init:"))],
      ["ContainersReady", yes(ready)],
      ["Ready", yes(podReady(pod))],
    ],
  );
  lines.push(...conditions.split("\n").map((l) => `  ${l}`));
  volumes(lines, pod);
  firewall(lines, pod);
  if (events.length === 0) lines.push("Events:  <none>");
  else {
    lines.push("Events:");
    const table = renderTable(EVENT_HEADERS, eventRows(events, now));
    lines.push(...table.split("\n").map((l) => `  ${l}`));
  }
  return lines.join("\n");
}

/** kubectl's: one `key=value` a line, sorted; the agent's entry holds them, so a pod without one has none here. */
function labelsText(labels: Record<string, string> | undefined): string {
  if (!labels) return "<not on the engine: the network has no node agent>";
  const lines = Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`);
  return lines.length ? lines.join("\n") : "<none>";
}

/** Labelled fields in one aligned column; a value's further lines line up under its first. */
function fields(lines: string[], indent: string, list: Field[]): void {
  const width = Math.max(...list.map(([label]) => label.length)) + 2;
  for (const [label, value] of list)
    value.split("\n").forEach((part, i) => {
      const head = i === 0 ? `${label}:`.padEnd(width) : " ".repeat(width);
      lines.push(`${indent}${head}${part}`.trimEnd());
    });
}

function containers(lines: string[], title: string, list: ContainerView[], events: PodEvent[]): void {
  lines.push(`${title}:`);
  for (const c of list) {
    lines.push(`  ${c.name}:`);
    fields(lines, "    ", [
      ["Container ID", `docker://${c.id}`],
      ["Image", c.image],
      ...stateFields(c),
      ...lastStateFields(c, events),
      ["Ready", c.ready ? "True" : "False"],
      ...(c.probeMessage ? ([["  Reason", c.probeMessage]] as Field[]) : []),
      ["Restart Count", String(c.restartCount)],
      ...(c.restartPolicy ? ([["Restart Policy", c.restartPolicy]] as Field[]) : []),
    ]);
    const mounts = c.mounts.filter((m) => !m.destination.startsWith("/.podling/"));
    lines.push(`    Mounts:${mounts.length ? "" : "  <none>"}`);
    for (const m of mounts) lines.push(`      ${m.destination} from ${m.source} (${m.readOnly ? "ro" : "rw"})`);
  }
}

function stateFields(c: ContainerView): Field[] {
  if (c.dockerState === "running")
    return [
      ["State", "Running"],
      ["  Started", describeTime(c.startedAt)],
    ];
  if (c.dockerState === "exited" || c.dockerState === "dead")
    return [
      ["State", "Terminated"],
      ["  Reason", c.oomKilled ? "OOMKilled" : c.exitCode === 0 ? "Completed" : "Error"],
      ["  Exit Code", String(c.exitCode ?? "<unknown>")],
      ["  Started", describeTime(c.startedAt)],
      ["  Finished", describeTime(c.finishedAt)],
      ...(c.error ? ([["  Message", c.error]] as Field[]) : []),
    ];
  return [
    ["State", "Waiting"],
    ["  Reason", containerReason(c) ?? c.dockerState],
  ];
}

/**
 * The run before a restart. Docker keeps its end (FinishedAt) but resets the exit code on start, so the
 * code comes from Docker's event history, which holds only the engine's last 256 events.
 */
function lastStateFields(c: ContainerView, events: PodEvent[]): Field[] {
  if (c.dockerState !== "running" || c.restartCount === 0 || !c.finishedAt) return [];
  const finished = Date.parse(c.finishedAt);
  const exit = events.find(
    (e) => e.container === c.name && e.exitCode !== undefined && Math.abs(e.at - finished) <= EXIT_EVENT_SLACK_MS,
  );
  return [
    ["Last State", "Terminated"],
    ["  Reason", exit ? (exit.exitCode === 0 ? "Completed" : "Error") : "<unknown>"],
    ["  Exit Code", exit ? String(exit.exitCode) : "<unknown: no longer in Docker's event history>"],
    ["  Finished", describeTime(c.finishedAt)],
  ];
}

/** Docker stamps the exit event and FinishedAt separately; they differ by far less than this. */
const EXIT_EVENT_SLACK_MS = 1000;

function volumes(lines: string[], pod: PodView): void {
  const seen = new Map<string, string>();
  for (const m of [...pod.initContainers, ...pod.containers].flatMap((c) => c.mounts)) {
    if (m.destination.startsWith("/.podling/")) continue;
    seen.set(
      m.source,
      m.type === "bind"
        ? `HostPath (${m.source})`
        : m.type === "tmpfs"
          ? "EmptyDir (Memory)"
          : `EmptyDir (volume ${m.source})`,
    );
  }
  lines.push(`Volumes:${seen.size ? "" : "  <none>"}`);
  for (const [source, kind] of seen) lines.push(`  ${source}:`, `    Type:  ${kind}`);
}

function firewall(lines: string[], pod: PodView): void {
  const fw = pod.firewall;
  const isolated = fw ? [fw.isolatedIngress ? "ingress" : "", fw.isolatedEgress ? "egress" : ""].filter((d) => d) : [];
  if (!fw || (isolated.length === 0 && fw.policies.length === 0 && !fw.error)) {
    lines.push("Firewall:  open (no network policy selects this pod)");
    return;
  }
  lines.push("Firewall:");
  fields(lines, "  ", [
    ["Isolated", isolated.length ? isolated.join(", ") : "no"],
    ["Allowed By", fw.policies.length ? fw.policies.join(", ") : "<no policy allows anything: all is denied>"],
    ...(fw.error ? ([["Agent Error", fw.error]] as Field[]) : []),
  ]);
}
