// Policy from the first packet: namespace "guarded" admits only pods labelled role=friend. An intruder in
// "default" probes every address given in config five times a second for its whole life; an open pod in
// "default" shows that its probes work. With addPods, two new pods join "guarded": one gets ready, one
// never does, so the up fails while their full firewalls wait for every pod.
import * as pulumi from "@pulumi/pulumi";
import * as podling from "podling";

const config = new pulumi.Config();
const net = new podling.PodNetwork("net", { name: config.require("network"), cidr: config.require("cidr") });
const targets: string[] = JSON.parse(config.require("targets"));

new podling.NetworkPolicy("friends-only", {
  network: net,
  namespace: "guarded",
  podSelector: {},
  ingress: [{ from: [{ podSelector: { role: "friend" } }] }],
});

const server = (name: string, namespace: string, labels: Record<string, string>, ready = true) =>
  new podling.Pod(name, {
    network: net,
    namespace,
    labels,
    terminationGracePeriodSeconds: 0,
    readyTimeoutSeconds: ready ? 60 : 5,
    containers: [
      {
        name: "main",
        image: "podling/probe:1",
        imagePullPolicy: "Never",
        command: ["podling-probe", "serve", name, "8080", "-"],
        ports: [{ containerPort: 8080 }],
        readinessProbe: ready ? { tcpSocket: { port: 8080 } } : { exec: { command: ["false"] }, periodSeconds: 1 },
      },
    ],
  });

server("friend", "guarded", { role: "friend" });
const open = server("open", "default", { role: "open" });
const intruder = new podling.Pod("intruder", {
  network: net,
  labels: { role: "intruder" },
  terminationGracePeriodSeconds: 0,
  containers: [
    {
      name: "main",
      image: "podling/probe:1",
      imagePullPolicy: "Never",
      command: [
        "sh",
        "-c",
        `trap 'exit 0' TERM; while :; do podling-probe check 300ms ${targets.map((t) => `${t}:8080/tcp`).join(" ")}; sleep 0.2; done & wait`,
      ],
    },
  ],
});

if (config.getBoolean("addPods")) {
  server("good", "guarded", { role: "web" });
  server("stuck", "guarded", { role: "web" }, false);
}

export const openIP = open.podIP;
export const intruderId = intruder.containerIds.apply((ids) => ids.main);
