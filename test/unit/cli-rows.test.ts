// The CLI's pure formatting: pod and service rows as kubectl prints them, the table layout, and errors.
import type { ContainerView, ServiceView } from "../../provider/cli/read/model";
import { containerView, podView } from "../support/cli-views";
import { notFoundMessage } from "../../provider/cli/messages";
import { podRow, podStatus, restartsColumn } from "../../provider/cli/view/pod-rows";
import { endpointsColumn, serviceRow } from "../../provider/cli/view/service-rows";
import { renderTable } from "../../provider/cli/view/table";
import { portPair } from "../../provider/cli/commands/parse";

const NOW = Date.parse("2026-12-03T12:00:00Z");

const container = containerView;
const pod = podView;

describe("pod rows", () => {
  it("a ready pod: READY counts ready containers, AGE from the sandbox's creation", () => {
    expect(podRow(pod(), NOW, false)).toEqual(["web", "2/2", "Running", "0", "60m"]);
    expect(podRow(pod(), NOW, true)).toEqual([
      "web",
      "2/2",
      "Running",
      "0",
      "60m",
      "10.244.0.5",
      "vm",
      "<none>",
      "<none>",
    ]);
  });

  it("a running container that fails its readiness probe keeps the pod Running, with READY 1/2", () => {
    const p = pod({ containers: [container({ name: "server" }), container({ name: "sidecar", ready: false })] });
    expect(podRow(p, NOW, false).slice(1, 3)).toEqual(["1/2", "Running"]);
  });

  it("RESTARTS sums the containers' restarts and says when the latest one was", () => {
    const list = [
      container({ restartCount: 2, startedAt: "2026-12-03T11:58:00Z" }),
      container({ restartCount: 1, startedAt: "2026-12-03T11:30:00Z" }),
      container({ restartCount: 0, startedAt: "2026-12-03T11:59:59Z" }),
    ];
    expect(restartsColumn(list, NOW)).toBe("3 (2m ago)");
    expect(restartsColumn([container()], NOW)).toBe("0");
  });

  it.each<[string, Partial<ContainerView>, string]>([
    ["docker restarting it", { dockerState: "restarting" }, "CrashLoopBackOff"],
    ["exited, restarted before, Always", { dockerState: "exited", exitCode: 1, restartCount: 3 }, "CrashLoopBackOff"],
    ["exited non-zero, Never", { dockerState: "exited", exitCode: 2, restartPolicy: "Never" }, "Error"],
    [
      "exited zero, OnFailure",
      { dockerState: "exited", exitCode: 0, restartPolicy: "OnFailure", restartCount: 1 },
      "Completed",
    ],
    ["OOM-killed", { dockerState: "exited", exitCode: 137, oomKilled: true }, "OOMKilled"],
    ["created, never started", { dockerState: "created" }, "ContainerCreating"],
  ])("STATUS of a pod whose container is %s: %s", (_, over, expected) => {
    expect(podStatus(pod({ containers: [container(), container(over)] }))).toBe(expected);
  });

  it("STATUS while init containers run, after one failed, and with the sandbox down", () => {
    const init = (state: string, exitCode?: number) => container({ dockerState: state, exitCode });
    expect(podStatus(pod({ initContainers: [init("exited", 0), init("running")] }))).toBe("Init:1/2");
    expect(podStatus(pod({ initContainers: [init("exited", 3)] }))).toBe("Init:Error");
    expect(podStatus(pod({ sandboxState: "exited" }))).toBe("SandboxNotRunning");
  });
});

describe("service rows", () => {
  const svc = (over: Partial<ServiceView> = {}): ServiceView => ({
    namespace: "default",
    name: "web",
    network: "net",
    type: "ClusterIP",
    clusterIP: "10.244.224.1",
    ports: [{ name: "http", port: 80, targetPort: 8080, protocol: "TCP" }],
    readyEndpoints: [{ ip: "10.244.0.5", port: 8080, servicePort: 80 }],
    notReadyEndpoints: [],
    created: "2026-12-03T11:59:00Z",
    ...over,
  });

  it("ClusterIP, NodePort, LoadBalancer and headless services in kubectl's columns", () => {
    expect(serviceRow(svc(), NOW, true)).toEqual([
      "web",
      "ClusterIP",
      "10.244.224.1",
      "<none>",
      "80/TCP",
      "60s",
      "10.244.0.5:8080",
    ]);
    const nodePort = svc({
      type: "NodePort",
      ports: [
        { port: 80, targetPort: 8080, protocol: "TCP", nodePort: 30080 },
        { port: 53, targetPort: 53, protocol: "UDP" },
      ],
    });
    expect(serviceRow(nodePort, NOW, false)).toEqual([
      "web",
      "NodePort",
      "10.244.224.1",
      "<none>",
      "80:30080/TCP,53/UDP",
      "60s",
    ]);
    const loadBalancer = svc({ type: "LoadBalancer", externalIP: "127.0.0.2" });
    expect(serviceRow(loadBalancer, NOW, false)).toEqual([
      "web",
      "LoadBalancer",
      "10.244.224.1",
      "127.0.0.2",
      "80/TCP",
      "60s",
    ]);
    const headless = svc({ type: "Headless", clusterIP: undefined, ports: undefined, created: undefined });
    expect(serviceRow(headless, NOW, false)).toEqual(["web", "ClusterIP", "None", "<none>", "<unknown>", "<unknown>"]);
  });

  it("ENDPOINTS lists three, then how many more; <none> when no endpoint is ready", () => {
    const ips = [1, 2, 3, 4, 5].map((i) => ({ ip: `10.0.0.${i}`, port: 80 }));
    expect(endpointsColumn(ips)).toBe("10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 2 more...");
    expect(endpointsColumn([{ ip: "10.0.0.9" }])).toBe("10.0.0.9");
    expect(endpointsColumn([])).toBe("<none>");
  });
});

describe("table and messages", () => {
  it("renders kubectl's borderless table: columns three spaces apart, no trailing blanks", () => {
    expect(
      renderTable(
        ["NAME", "READY"],
        [
          ["web", "2/2"],
          ["a-long-name", "1/1"],
        ],
      ),
    ).toBe(["NAME          READY", "web           2/2", "a-long-name   1/1"].join("\n"));
  });

  it("a missing object: with candidates in other namespaces, and without", () => {
    expect(notFoundMessage("pod", "web", "default", ["shop/web"], "pods")).toBe(
      'pod "web" not found in namespace "default"; did you mean shop/web? (podling get pods -A)',
    );
    expect(notFoundMessage("service", "db", "shop", [], "services")).toBe(
      'service "db" not found in namespace "shop" (podling get services -A lists every namespace)',
    );
  });

  it("port pairs as kubectl port-forward takes them", () => {
    expect(portPair("8080:80")).toEqual({ local: 8080, remote: 80 });
    expect(portPair("8080")).toEqual({ local: 8080, remote: 8080 });
    expect(portPair(":80")).toEqual({ local: 0, remote: 80 });
    for (const bad of ["80:", "a:b", "70000:80", "80:0", ""]) expect(() => portPair(bad)).toThrow(/LOCAL:REMOTE/);
  });
});
