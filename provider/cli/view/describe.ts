// `podling describe pod`: kubectl's layout (labelled fields, indented sections) for what the engine
// holds of a pod. Pure.
import type { ContainerView, PodView } from "../read/model";
import { ageOf } from "./age";
import { EVENT_HEADERS, eventRows, PodEvent } from "./events";
import { containerReason, podStatus } from "./pod-rows";
import { renderTable } from "./table";

type Field = [label: string, value: string];

export function describePod(pod: PodView, events: PodEvent[], now: number): string {
  const lines: string[] = [];
  fields(lines, "", [
    ["Name", pod.name],
    ["Namespace", pod.namespace],
    ["Node", pod.node],
    ["Start Time", pod.created],
    ["Labels", "<in the Pulumi state, not on the engine>"],
    ["Status", podStatus(pod)],
    ["IP", pod.ip ?? "<none>"],
    ["Network", pod.network],
    ...(pod.stack ? ([["Stack", pod.stack]] as Field[]) : []),
    ["Sandbox", `docker://${pod.sandboxId} (${pod.sandboxState})`],
  ]);
  if (pod.agentError) fields(lines, "", [["Node Agent", pod.agentError]]);
  if (pod.initContainers.length) containers(lines, "Init Containers", pod.initContainers, events, now);
  containers(lines, "Containers", pod.containers, events, now);
  const ready = pod.containers.every((c) => c.ready);
  const yes = (ok: boolean) => (ok ? "True" : "False");
  lines.push("Conditions:");
  const conditions = renderTable(
    ["Type", "Status"],
    [
      ["PodScheduled", "True"],
      ["Initialized", yes(!podStatus(pod).startsWith("Init:"))],
      ["ContainersReady", yes(ready)],
      ["Ready", yes(ready && pod.sandboxState === "running")],
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

function fields(lines: string[], indent: string, list: Field[]): void {
  const width = Math.max(...list.map(([label]) => label.length)) + 2;
  for (const [label, value] of list) lines.push(`${indent}${`${label}:`.padEnd(width)}${value}`.trimEnd());
}

function containers(lines: string[], title: string, list: ContainerView[], events: PodEvent[], now: number): void {
  lines.push(`${title}:`);
  for (const c of list) {
    const lastExit = c.dockerState === "running" ? lastExitOf(c.name, events) : undefined;
    lines.push(`  ${c.name}:`);
    const state: Field[] =
      c.dockerState === "running"
        ? [
            ["State", "Running"],
            ["  Started", `${c.startedAt ?? "<unknown>"} (${ageOf(c.startedAt, now)} ago)`],
          ]
        : c.dockerState === "exited" || c.dockerState === "dead"
          ? [
              ["State", "Terminated"],
              ["  Reason", c.oomKilled ? "OOMKilled" : c.exitCode === 0 ? "Completed" : "Error"],
              ["  Exit Code", String(c.exitCode ?? "<unknown>")],
              ["  Started", c.startedAt ?? "<unknown>"],
              ["  Finished", c.finishedAt ?? "<unknown>"],
              ...(c.error ? ([["  Message", c.error]] as Field[]) : []),
            ]
          : [
              ["State", "Waiting"],
              ["  Reason", containerReason(c) ?? c.dockerState],
            ];
    fields(lines, "    ", [
      ["Container ID", `docker://${c.id}`],
      ["Image", c.image],
      ...state,
      ...(lastExit
        ? ([
            ["Last State", "Terminated"],
            ["  Reason", lastExit.exitCode === 0 ? "Completed" : "Error"],
            ["  Exit Code", String(lastExit.exitCode)],
            [
              "  Finished",
              `${new Date(lastExit.at).toISOString()} (${ageOf(new Date(lastExit.at).toISOString(), now)} ago)`,
            ],
          ] as Field[])
        : []),
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

/** The container's last exit that Docker's event history still holds (Docker keeps its last 256 events). */
function lastExitOf(container: string, events: PodEvent[]): PodEvent | undefined {
  return events.filter((e) => e.container === container && e.exitCode !== undefined).sort((a, b) => b.at - a.at)[0];
}

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
