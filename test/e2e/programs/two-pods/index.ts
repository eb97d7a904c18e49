// Two pods of two containers each: a server that answers its GREETING, and a client to call from.
import * as pulumi from "@pulumi/pulumi";
import * as podling from "podling";

const config = new pulumi.Config();
const image = "podling/busybox:1";
const net = new podling.PodNetwork("net", { name: config.require("network"), cidr: config.require("cidr") });

function pod(name: string, greeting: string) {
  return new podling.Pod(name, {
    network: net,
    labels: { app: "greeter" },
    terminationGracePeriodSeconds: 1,
    containers: [
      {
        name: "server",
        image,
        command: [
          "sh",
          "-c",
          `trap 'exit 0' TERM; mkdir -p /www; echo "$GREETING" > /www/index.html; httpd -f -vv -p 8080 -h /www & wait`,
        ],
        env: { GREETING: greeting },
        ports: [{ name: "http", containerPort: 8080 }],
        resources: { limits: { cpu: "200m", memory: "32Mi" } },
      },
      { name: "client", image, command: ["sh", "-c", "trap 'exit 0' TERM; sleep 86400 & wait"] },
    ],
  });
}

const one = pod("pod-1", config.get("greeting1") ?? "one");
const two = pod("pod-2", "two");
export const podIPs = { "pod-1": one.podIP, "pod-2": two.podIP };
export const containerIds = { "pod-1": one.containerIds, "pod-2": two.containerIds };
