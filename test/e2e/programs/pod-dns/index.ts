// Pod names as Kubernetes has them: two pods named web in namespaces a and b, a client in c, and pod db-0
// with subdomain db under the headless service db (namespace a), which the SDK selects with its hostname.
import * as pulumi from "@pulumi/pulumi";
import * as podling from "podling";

const config = new pulumi.Config();
const net = new podling.PodNetwork("net", { name: config.require("network"), cidr: config.require("cidr") });

function pod(resource: string, namespace: string, name: string, extra: Partial<podling.PodArgs> = {}) {
  return new podling.Pod(resource, {
    network: net,
    namespace,
    name,
    terminationGracePeriodSeconds: 1,
    containers: [
      { name: "main", image: "podling/probe:1", command: ["sh", "-c", "trap 'exit 0' TERM; sleep 86400 & wait"] },
    ],
    ...extra,
  });
}

const webA = pod("web-a", "a", "web");
const webB = pod("web-b", "b", "web");
const client = pod("client", "c", "client");
const db = pod("db-0", "a", "db-0", { labels: { app: "db" }, subdomain: "db" });
const headless = new podling.Service("db", {
  network: net,
  namespace: "a",
  selector: { app: "db" },
  type: "Headless",
  ports: [{ port: 5432 }],
});

export const ips = { webA: webA.podIP, webB: webB.podIP, db: db.podIP };
export const clientContainer = client.containerIds.apply((ids) => ids.main);
export const endpoints = headless.endpoints;
