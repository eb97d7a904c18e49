// `count` single-container pods on one network, all created in parallel by one `pulumi up`.
import * as pulumi from "@pulumi/pulumi";
import * as podling from "podling";

const config = new pulumi.Config();
const net = new podling.PodNetwork("net", { name: config.require("network"), cidr: config.require("cidr") });
const pods = Array.from(
  { length: config.requireNumber("count") },
  (_, i) =>
    new podling.Pod(`pod-${i}`, {
      network: net,
      terminationGracePeriodSeconds: 0,
      containers: [
        { name: "main", image: "podling/busybox:1", command: ["sh", "-c", "trap 'exit 0' TERM; sleep 86400 & wait"] },
      ],
    }),
);
export const podIPs = pulumi.all(pods.map((p) => p.podIP));
