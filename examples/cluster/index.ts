// Three Docker engines as one cluster: Podling forms a Swarm from them, spreads one overlay pod network
// over them (a /24 per node), pins one pod and lets the scheduler place the others, and serves them
// through one Service whose virtual IP and DNS name work from every node.
//
// On one machine, `scripts/lab-nodes.sh up` starts three engines in network namespaces (what the
// defaults below point at). For real machines, set podling-cluster:nodes to a JSON list of
// { name, dockerHost, advertiseAddr } (dockerHost as tcp://host:2376 with TLS, or ssh://user@host).
import * as pulumi from "@pulumi/pulumi";
import * as podling from "podling";

const config = new pulumi.Config();
const labNodes = ["n1", "n2", "n3"].map((name, i) => ({
  name,
  dockerHost: `unix:///var/run/podling-lab/${name}.sock`,
  advertiseAddr: `10.213.0.${11 + i}`,
}));
const nodes = config.getObject<podling.ClusterNodeArgs[]>("nodes") ?? labNodes;

const cluster = new podling.Cluster("lab", { nodes });
const net = new podling.PodNetwork("cluster", {
  name: config.get("network") ?? "cluster-demo",
  cidr: config.get("cidr") ?? "10.246.0.0/16",
  cluster,
});

const image = "podling/busybox:1";
const web = (i: number, nodeName?: string) =>
  new podling.Pod(`web-${i}`, {
    network: net,
    nodeName,
    labels: { app: "web" },
    terminationGracePeriodSeconds: 2,
    containers: [
      {
        name: "server",
        image,
        // Each pod answers with its name; the placement output shows which node it runs on.
        command: ["sh", "-c", `mkdir -p /www && echo web-${i} > /www/index.html && exec httpd -f -p 8080 -h /www`],
        ports: [{ name: "http", containerPort: 8080 }],
        resources: { requests: { cpu: "100m", memory: "32Mi" } },
      },
    ],
  });

// web-0 is pinned; web-1 and web-2 are placed by the scheduler, which spreads them over the other nodes.
const pods = [web(0, "n1"), web(1), web(2)];
const service = new podling.Service("web", {
  network: net,
  selector: { app: "web" },
  ports: [{ port: 80, targetPort: "http" }],
});

const client = new podling.Pod("client", {
  network: net,
  labels: { app: "client" },
  terminationGracePeriodSeconds: 1,
  containers: [{ name: "shell", image, command: ["sleep", "infinity"] }],
});

// Only the client may call the web pods.
new podling.NetworkPolicy("web-from-client", {
  network: net,
  podSelector: { app: "web" },
  policyTypes: ["Ingress"],
  ingress: [{ from: [{ podSelector: { app: "client" } }], ports: [{ port: 8080 }] }],
});

export const formationSeconds = cluster.formationSeconds;
export const nodeCidrs = net.clusterLayout.apply((l) =>
  Object.fromEntries((l?.nodes ?? []).map((n) => [n.name, n.podCidr])),
);
export const placement = pulumi
  .all(pods.map((p) => pulumi.all([p.podName, p.nodeName, p.podIP])))
  .apply((list) => list.map(([pod, node, ip]) => `${pod} ${node} ${ip}`));
export const clientNode = client.nodeName;
export const clusterIP = service.clusterIP;
export const dnsName = service.dnsName;
