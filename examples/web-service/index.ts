// A Service over three pods, each a web server with a sidecar on localhost, plus a client pod that calls
// the service by name. `pulumi up`, then:
//   docker exec <client container> wget -qO- http://web/      (answers from web-0, web-1 or web-2)
import * as pulumi from "@pulumi/pulumi";
import * as podling from "podling";

const config = new pulumi.Config();
const image = "podling/busybox:1";
const net = new podling.PodNetwork("net", {
  name: config.get("network") ?? "web-demo",
  cidr: config.get("cidr") ?? "10.245.0.0/16",
});

const replicas = config.getNumber("replicas") ?? 3;
const pods = Array.from(
  { length: replicas },
  (_, i) =>
    new podling.Pod(`web-${i}`, {
      network: net,
      labels: { app: "web" },
      terminationGracePeriodSeconds: 2,
      // An init container renders the page into an emptyDir; the server serves it, and is ready (so an
      // endpoint of the service) once its readiness probe gets the page.
      volumes: [{ name: "www", emptyDir: {} }],
      initContainers: [
        {
          name: "render",
          image,
          command: ["sh", "-c", `echo web-${i} > /www/index.html`],
          volumeMounts: [{ name: "www", mountPath: "/www" }],
        },
      ],
      containers: [
        {
          name: "server",
          image,
          command: ["sh", "-c", "trap 'exit 0' TERM; httpd -f -p 8080 -h /www & wait"],
          ports: [{ name: "http", containerPort: 8080 }],
          volumeMounts: [{ name: "www", mountPath: "/www", readOnly: true }],
          readinessProbe: { httpGet: { path: "/index.html", port: "http" }, periodSeconds: 2 },
          livenessProbe: { tcpSocket: { port: "http" }, periodSeconds: 5 },
        },
        {
          name: "health-sidecar",
          image,
          command: [
            "sh",
            "-c",
            "trap 'exit 0' TERM; while :; do wget -qO- http://localhost:8080/ >/dev/null 2>&1 || echo server down; sleep 5; done & wait",
          ],
        },
      ],
    }),
);

const web = new podling.Service("web", {
  network: net,
  selector: { app: "web" },
  ports: [{ name: "http", port: 80, targetPort: "http", nodePort: config.getNumber("nodePort") ?? 30080 }],
  type: "NodePort",
});

const client = new podling.Pod("client", {
  network: net,
  terminationGracePeriodSeconds: 0,
  containers: [{ name: "shell", image, command: ["sh", "-c", "trap 'exit 0' TERM; sleep 86400 & wait"] }],
});

export const clusterIP = web.clusterIP;
export const dnsName = web.dnsName;
export const endpoints = web.endpoints.apply((es) => es.map((e) => `${e.pod} ${e.ip}${e.ready ? "" : " (not ready)"}`));
export const podIPs = pods.map((p) => p.podIP);
export const clientContainer = client.containerIds.apply((ids) => ids.shell);
