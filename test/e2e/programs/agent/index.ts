// What the node agent holds true with no Pulumi command: a pod with an init container, a sidecar and a
// probe; a service over it; a policy that admits only pods labelled role=client; a client and an intruder.
// The intruder probes the server's pod IP ten times a second for its whole life and logs every answer.
// Beside them, a pod no policy selects behind two LoadBalancer services, both on port 80, which the host
// reaches each at its own loopback address.
import * as pulumi from "@pulumi/pulumi";
import * as podling from "podling";

const config = new pulumi.Config();
const image = "podling/busybox:1";
const net = new podling.PodNetwork("net", { name: config.require("network"), cidr: config.require("cidr") });
const sleepForever = ["sh", "-c", "trap 'exit 0' TERM; sleep 86400 & wait"];

const web = new podling.Pod("web", {
  network: net,
  labels: { app: "web" },
  terminationGracePeriodSeconds: 1,
  volumes: [{ name: "www", emptyDir: {} }],
  initContainers: [
    {
      name: "render",
      image,
      // Appends, so a test sees every run of the init container.
      command: ["sh", "-c", "echo rendered >> /www/runs; echo rendered-by-init > /www/index.html"],
      volumeMounts: [{ name: "www", mountPath: "/www" }],
    },
  ],
  containers: [
    {
      name: "server",
      image,
      command: ["sh", "-c", "trap 'exit 0' TERM; httpd -f -vv -p 8080 -h /www & wait"],
      ports: [{ name: "http", containerPort: 8080 }],
      volumeMounts: [{ name: "www", mountPath: "/www" }],
      readinessProbe: { httpGet: { path: "/index.html", port: "http" }, periodSeconds: 1 },
    },
    { name: "sidecar", image, command: sleepForever },
  ],
});

const service = new podling.Service("web", {
  network: net,
  selector: { app: "web" },
  ports: [{ port: 80, targetPort: 8080 }],
});

new podling.NetworkPolicy("web-clients-only", {
  network: net,
  podSelector: { app: "web" },
  ingress: [{ from: [{ podSelector: { role: "client" } }], ports: [{ port: 8080 }] }],
});

const client = new podling.Pod("client", {
  network: net,
  labels: { role: "client" },
  terminationGracePeriodSeconds: 0,
  containers: [{ name: "main", image, command: sleepForever }],
});

const intruder = new podling.Pod("intruder", {
  network: net,
  labels: { role: "intruder" },
  terminationGracePeriodSeconds: 0,
  containers: [
    {
      name: "main",
      image,
      command: web.podIP.apply((ip) => [
        "sh",
        "-c",
        `trap 'exit 0' TERM; while :; do if timeout 1 wget -qO- http://${ip}:8080/index.html >/dev/null 2>&1; then echo ANSWERED; else echo denied; fi; sleep 0.1; done & wait`,
      ]),
    },
  ],
});

const published = new podling.Pod("published", {
  network: net,
  labels: { app: "published" },
  terminationGracePeriodSeconds: 0,
  containers: [
    {
      name: "server",
      image,
      command: [
        "sh",
        "-c",
        "trap 'exit 0' TERM; mkdir -p /www; echo published > /www/index.html; httpd -f -p 8080 -h /www & wait",
      ],
      ports: [{ containerPort: 8080 }],
    },
  ],
});
const loadBalancers = ["lb-a", "lb-b"].map(
  (name) =>
    new podling.Service(
      name,
      {
        network: net,
        type: "LoadBalancer",
        selector: { app: "published" },
        ports: [{ port: 80, targetPort: 8080 }],
      },
      { dependsOn: [published] },
    ),
);

export const webIP = web.podIP;
export const webIds = web.containerIds;
export const webSandbox = web.infraContainerId;
export const clientId = client.containerIds.apply((ids) => ids.main);
export const clientIP = client.podIP;
export const intruderId = intruder.containerIds.apply((ids) => ids.main);
export const intruderIP = intruder.podIP;
export const serviceIP = service.clusterIP;
export const serviceName = service.dnsName;
export const loadBalancerIPs = loadBalancers.map((lb) => lb.status.apply((s) => s?.loadBalancer.ingress[0]?.ip));
