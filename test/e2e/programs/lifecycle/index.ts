// One pod with the whole lifecycle: an init container that writes the page into an emptyDir, a server
// behind readiness and liveness probes, a secret in its env (in Kubernetes' list form; the reliability
// suite's from-config program gives one in the map form); and, on request, a second pod that stays
// unready until the test creates /tmp/ready in it.
import * as pulumi from "@pulumi/pulumi";
import * as podling from "podling";

const config = new pulumi.Config();
const image = "podling/busybox:1";
const net = new podling.PodNetwork("net", { name: config.require("network"), cidr: config.require("cidr") });

const web = new podling.Pod("web", {
  network: net,
  labels: { app: "web" },
  terminationGracePeriodSeconds: 1,
  restartPolicy: (config.get("restartPolicy") ?? "Always") as podling.RestartPolicy,
  volumes: [{ name: "www", emptyDir: {} }],
  initContainers: [
    {
      name: "render",
      image,
      command: ["sh", "-c", "echo rendered-by-init > /www/index.html"],
      volumeMounts: [{ name: "www", mountPath: "/www" }],
    },
  ],
  containers: [
    {
      name: "server",
      image,
      // Starts serving two seconds late: `up` must wait for the readiness probe.
      command: ["sh", "-c", "trap 'exit 0' TERM; sleep 2; httpd -f -p 8080 -h /www & wait"],
      env: [{ name: "API_TOKEN", value: config.requireSecret("apiToken") }],
      ports: [{ name: "http", containerPort: 8080 }],
      volumeMounts: [{ name: "www", mountPath: "/www", readOnly: true }],
      resources: { limits: { cpu: config.get("cpu") ?? "200m", memory: "32Mi" } },
      readinessProbe: { httpGet: { path: "/index.html", port: "http" }, periodSeconds: 1 },
      livenessProbe: { tcpSocket: { port: 8080 }, initialDelaySeconds: 5, periodSeconds: 2 },
    },
    { name: "client", image, command: ["sh", "-c", "trap 'exit 0' TERM; sleep 86400 & wait"] },
  ],
});

export const webIP = web.podIP;
export const webIds = web.containerIds;
export const webReady = web.ready;

if (config.getBoolean("withGate")) {
  const gate = new podling.Pod("gate", {
    network: net,
    terminationGracePeriodSeconds: 1,
    readyTimeoutSeconds: 5,
    containers: [
      {
        name: "app",
        image,
        command: ["sh", "-c", "trap 'exit 0' TERM; sleep 86400 & wait"],
        readinessProbe: { exec: { command: ["test", "-f", "/tmp/ready"] }, periodSeconds: 1 },
      },
    ],
  });
  exports.gateReady = gate.ready;
}
