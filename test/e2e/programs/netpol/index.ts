// The reachability matrix of the Kubernetes netpol e2e suite: namespaces x, y, z, each with pods a, b, c
// labelled pod=<name>, each serving TCP and UDP on ports 80 and 81. Policies, namespace labels and pod
// label overrides come from config, one scenario per `pulumi up`.
import * as pulumi from "@pulumi/pulumi";
import * as podling from "podling";

const config = new pulumi.Config();
const net = new podling.PodNetwork("net", { name: config.require("network"), cidr: config.require("cidr") });
const policies: Array<Record<string, any>> = JSON.parse(config.get("policies") ?? "[]");
const podLabels: Record<string, Record<string, string>> = JSON.parse(config.get("podLabels") ?? "{}");
const namespaces = ["x", "y", "z"];

for (const ns of namespaces) new podling.Namespace(ns, { labels: { ns } });

const pods: Record<string, podling.Pod> = {};
for (const ns of namespaces) {
  for (const name of ["a", "b", "c"]) {
    pods[`${ns}/${name}`] = new podling.Pod(`${ns}-${name}`, {
      network: net,
      namespace: ns,
      name,
      labels: podLabels[`${ns}/${name}`] ?? { pod: name },
      terminationGracePeriodSeconds: 0,
      containers: [
        {
          name: "probe",
          image: "podling/probe:1",
          imagePullPolicy: "Never",
          command: ["podling-probe", "serve", `${ns}/${name}`, "80,81", "80,81"],
          ports: [
            { name: "serve-80-tcp", containerPort: 80 },
            { name: "serve-81-tcp", containerPort: 81 },
            { name: "serve-80-udp", containerPort: 80, protocol: "UDP" },
            { name: "serve-81-udp", containerPort: 81, protocol: "UDP" },
          ],
        },
      ],
    });
  }
}

// A service for the DNS scenario: its name resolves only through the cluster DNS, on port 53.
const svcA = new podling.Service("svc-a", {
  network: net,
  namespace: "x",
  selector: { pod: "a" },
  ports: [{ port: 80 }],
});
export const serviceIP = svcA.clusterIP;

for (const p of policies) new podling.NetworkPolicy(`${p.namespace}-${p.name}`, { network: net, ...p });

export const podIPs = pulumi.all(Object.fromEntries(Object.entries(pods).map(([k, p]) => [k, p.podIP])));
export const containers = pulumi.all(
  Object.fromEntries(Object.entries(pods).map(([k, p]) => [k, p.containerIds.apply((ids) => ids.probe)])),
);
