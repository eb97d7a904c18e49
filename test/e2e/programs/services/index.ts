// Backends named by config, each answering its own name over HTTP (TCP 8080) and as a DNS TXT record
// (UDP 5353), behind a NodePort service and a headless one, plus a client pod to call from.
import * as pulumi from "@pulumi/pulumi";
import * as podling from "podling";

const config = new pulumi.Config();
const busybox = "podling/busybox:1";
const net = new podling.PodNetwork("net", { name: config.require("network"), cidr: config.require("cidr") });
const names: string[] = JSON.parse(config.get("backends") ?? "[]");
const nodePort = config.requireNumber("nodePort");

const backends = names.map(
  (name) =>
    new podling.Pod(`echo-${name}`, {
      network: net,
      labels: { app: "echo" },
      terminationGracePeriodSeconds: 1,
      containers: [
        {
          name: "http",
          image: busybox,
          command: [
            "sh",
            "-c",
            `trap 'exit 0' TERM; mkdir -p /www; echo ${name} > /www/index.html; httpd -f -p 8080 -h /www & wait`,
          ],
          ports: [{ name: "http", containerPort: 8080 }],
        },
        {
          name: "udp",
          image: "podling/netutil:1",
          imagePullPolicy: "Never",
          command: [
            "dnsmasq",
            "--keep-in-foreground",
            "--no-resolv",
            "--no-hosts",
            "--port=5353",
            `--txt-record=whoami.podling,${name}`,
            "--user=root",
          ],
          ports: [{ name: "dns", containerPort: 5353, protocol: "UDP" }],
        },
      ],
    }),
);

const echo = new podling.Service("echo", {
  network: net,
  selector: { app: "echo" },
  type: "NodePort",
  sessionAffinity: (config.get("affinity") as "None" | "ClientIP" | undefined) ?? "None",
  ports: [
    { name: "http", port: 80, targetPort: "http", nodePort },
    { name: "dns", port: 53, targetPort: "dns", protocol: "UDP", nodePort },
  ],
});

const headless = new podling.Service("echo-headless", { network: net, selector: { app: "echo" }, type: "Headless" });

const client = new podling.Pod("client", {
  network: net,
  terminationGracePeriodSeconds: 0,
  // podling/probe:1 is busybox with podling-probe, whose resolver follows the search path as applications' do.
  containers: [
    {
      name: "shell",
      image: "podling/probe:1",
      imagePullPolicy: "Never",
      command: ["sh", "-c", "trap 'exit 0' TERM; sleep 86400 & wait"],
    },
  ],
});

export const clusterIP = echo.clusterIP;
export const endpoints = echo.endpoints.apply((es) => es.map((e) => e.pod));
export const headlessClusterIP = headless.clusterIP;
export const clientContainer = client.containerIds.apply((ids) => ids.shell);
export const backendIPs = pulumi.all(Object.fromEntries(names.map((n, i) => [n, backends[i].podIP])));
export const backendHttp = pulumi.all(
  Object.fromEntries(names.map((n, i) => [n, backends[i].containerIds.apply((ids) => ids.http)])),
);
