// describe's pure parts: the firewall summary from the agent's rules, and Docker events as kubectl's Events.
import * as fs from "fs";
import * as path from "path";
import { summarizeFirewall } from "../../provider/cli/read/firewall";
import { eventRows, podEvents } from "../../provider/cli/view/events";
import type { EngineEvent } from "../../provider/docker/types";
import type { PodView } from "../../provider/cli/read/model";
import { describePod } from "../../provider/cli/view/describe";

const golden = (name: string) => fs.readFileSync(path.join(__dirname, "..", "golden", name), "utf8");

describe("firewall summary", () => {
  it("names the policies its rules carry out and the isolated directions", () => {
    expect(summarizeFirewall(golden("pod-firewall-web.rules"))).toEqual({
      policies: ["shop/default-deny", "shop/web-egress", "shop/web-from-office"],
      isolatedIngress: true,
      isolatedEgress: true,
    });
  });

  it("an open firewall isolates nothing; the agent's error rides along", () => {
    expect(summarizeFirewall(golden("pod-firewall-open.rules"), "iptables-restore: line 3 failed")).toEqual({
      policies: [],
      isolatedIngress: false,
      isolatedEgress: false,
      error: "iptables-restore: line 3 failed",
    });
  });
});

describe("events", () => {
  const at = (s: number) => Date.parse("2026-12-03T12:00:00Z") / 1000 + s;
  const event = (Action: string, id: string, time: number, Attributes: Record<string, string> = {}): EngineEvent => ({
    Type: "container",
    Action,
    Actor: { ID: id, Attributes },
    time,
  });
  const names = new Map([
    ["a", "server"],
    ["s", "(sandbox)"],
  ]);

  it("maps Docker's actions to kubectl's reasons, leaves out Podling's own execs and reads, folds repeats", () => {
    const events = podEvents(
      [
        event("start", "s", at(0)),
        event("exec_create: /.podling/bin/podling-init status", "a", at(1)),
        event("archive-path", "a", at(1)),
        event("die", "a", at(10), { exitCode: "1" }),
        event("start", "a", at(11)),
        event("die", "a", at(40), { exitCode: "1" }),
        event("start", "a", at(41)),
      ],
      names,
    );
    expect(events.map((e) => [e.type, e.reason, e.container, e.exitCode])).toEqual([
      ["Normal", "Started", "(sandbox)", undefined],
      ["Warning", "Failed", "server", 1],
      ["Normal", "Started", "server", undefined],
      ["Warning", "Failed", "server", 1],
      ["Normal", "Started", "server", undefined],
    ]);
    expect(eventRows(events, at(60) * 1000)).toEqual([
      ["Normal", "Started", "60s", "docker", "Started container (sandbox)"],
      ["Warning", "Failed", "20s (x2 over 50s)", "docker", "Container server exited with code 1"],
      ["Normal", "Started", "19s (x2 over 49s)", "docker", "Started container server"],
    ]);
  });
});

describe("describe pod", () => {
  const pod: PodView = {
    namespace: "shop",
    name: "api",
    network: "net",
    node: "vm",
    ip: "10.244.0.7",
    created: "2026-12-03T11:00:00Z",
    sandboxId: "s",
    sandboxState: "running",
    initContainers: [],
    containers: [
      {
        name: "server",
        id: "a",
        image: "img",
        dockerState: "running",
        startedAt: "2026-12-03T11:59:01Z",
        finishedAt: "2026-12-03T11:59:00.500Z",
        oomKilled: false,
        restartCount: 1,
        restartPolicy: "Always",
        ready: false,
        probeMessage: 'exec probe "test -f /tmp/ready" exited with code 1',
        mounts: [{ type: "volume", source: "data", destination: "/data", readOnly: false }],
      },
    ],
    firewall: { policies: ["shop/api-from-web"], isolatedIngress: true, isolatedEgress: false },
  };
  const now = Date.parse("2026-12-03T12:00:00Z");
  const died = {
    type: "Warning" as const,
    reason: "Failed",
    message: "Container server exited with code 137",
    at: Date.parse("2026-12-03T11:59:00.400Z"),
    container: "server",
    exitCode: 137,
  };

  it("shows the last exit with its code while Docker's events still hold it, the probe's message, the firewall", () => {
    const text = describePod(pod, [died], now);
    expect(text).toContain(
      [
        "    State:          Running",
        "      Started:      Thu, 03 Dec 2026 11:59:01 +0000",
        "    Last State:     Terminated",
        "      Reason:       Error",
        "      Exit Code:    137",
        "      Finished:     Thu, 03 Dec 2026 11:59:00 +0000",
        "    Ready:          False",
        '      Reason:       exec probe "test -f /tmp/ready" exited with code 1',
        "    Restart Count:  1",
      ].join("\n"),
    );
    expect(text).toContain("      /data from data (rw)");
    expect(text).toContain(["Firewall:", "  Isolated:   ingress", "  Allowed By: shop/api-from-web"].join("\n"));
    expect(text).toMatch(/^ {2}Warning +Failed +59s +docker +Container server exited with code 137$/m);
  });

  it("says when the exit code is no longer in Docker's event history", () => {
    expect(describePod(pod, [], now)).toContain(
      "      Exit Code:    <unknown: no longer in Docker's event history>\n      Finished:     Thu, 03 Dec 2026 11:59:00 +0000",
    );
  });
});
