// A Deployment behind a Service, and a client pod to call it from. Config: the version each pod answers,
// the replica count, the rolling-update bounds, and whether new pods can ever become ready.
import * as podling from "podling";
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();
const net = new podling.PodNetwork("net", { name: config.require("network"), cidr: config.require("cidr") });
const version = config.require("version");
// "never": the readiness probe asks for a file nothing writes, so the new pods never become ready.
const readiness = config.get("readiness") === "never" ? "/missing.html" : "/index.html";

const web = new podling.Deployment("web", {
  network: net,
  namespace: "shop",
  replicas: config.requireNumber("replicas"),
  selector: { matchLabels: { app: "web" } },
  strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
  progressDeadlineSeconds: config.getNumber("progressDeadlineSeconds") ?? 600,
  template: {
    metadata: { labels: { app: "web" } },
    spec: {
      terminationGracePeriodSeconds: 1,
      containers: [
        {
          name: "server",
          image: "podling/busybox:1",
          command: [
            "sh",
            "-c",
            `trap 'exit 0' TERM; mkdir -p /www; echo ${version} > /www/index.html; httpd -f -p 8080 -h /www & wait`,
          ],
          ports: [{ name: "http", containerPort: 8080 }],
          readinessProbe: { httpGet: { path: readiness, port: 8080 }, periodSeconds: 1 },
        },
      ],
    },
  },
});

const service = new podling.Service("web", {
  network: net,
  namespace: "shop",
  selector: { app: "web" },
  ports: [{ name: "http", port: 80, targetPort: "http" }],
});

const client = new podling.Pod("client", {
  network: net,
  namespace: "shop",
  terminationGracePeriodSeconds: 0,
  containers: [
    { name: "shell", image: "podling/busybox:1", command: ["sh", "-c", "trap 'exit 0' TERM; sleep 86400 & wait"] },
  ],
});

export const clusterIP = service.clusterIP;
export const clientContainer = client.containerIds.apply((ids) => ids.shell);
export const pods = web.pods.apply((ps) =>
  ps.map(({ name, ip, ready, hash, infraContainerId }) => ({ name, ip, ready, hash, infraContainerId })),
);
export const readyReplicas = web.readyReplicas;
export const updatedReplicas = web.updatedReplicas;
export const templateHash = web.templateHash;
