// Three tiers, each a pod behind a service: web -> api -> db, called by service name. Network policies:
//  - every pod in the namespace denies all ingress and egress by default;
//  - every pod may look names up (egress to port 53): without it service names stop resolving;
//  - web accepts anyone on 8080 and may call api; api accepts only web and may call db;
//  - db accepts only api.
// After `pulumi up`: docker exec <web container> wget -qO- http://api:8080/ answers, and
// docker exec <web container> wget -qO- http://db:5432/ is refused. Service traffic obeys the policies:
// each service's router checks the real client against them.
import * as pulumi from "@pulumi/pulumi";
import * as podling from "podling";

const config = new pulumi.Config();
const net = new podling.PodNetwork("net", {
  name: config.get("network") ?? "three-tier",
  cidr: config.get("cidr") ?? "10.246.0.0/16",
});
const namespace = "shop";

function tier(name: string, port: number) {
  const pod = new podling.Pod(name, {
    network: net,
    namespace,
    labels: { tier: name },
    terminationGracePeriodSeconds: 1,
    containers: [
      {
        name: "main",
        image: "podling/busybox:1",
        command: [
          "sh",
          "-c",
          `trap 'exit 0' TERM; mkdir -p /www; echo ${name} > /www/index.html; httpd -f -p ${port} -h /www & wait`,
        ],
        ports: [{ name: "app", containerPort: port }],
      },
    ],
  });
  new podling.Service(name, {
    network: net,
    namespace,
    selector: { tier: name },
    ports: [{ port, targetPort: "app" }],
  });
  return pod;
}

const web = tier("web", 8080);
const api = tier("api", 8080);
tier("db", 5432);

const policy = (name: string, args: Omit<podling.NetworkPolicyArgs, "network" | "namespace">) =>
  new podling.NetworkPolicy(name, { network: net, namespace, ...args });

policy("default-deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"] });
// The DNS gotcha: lookups go to the cluster DNS on port 53, so default-deny egress needs this.
policy("allow-dns", {
  podSelector: {},
  policyTypes: ["Egress"],
  egress: [
    {
      ports: [
        { port: 53, protocol: "UDP" },
        { port: 53, protocol: "TCP" },
      ],
    },
  ],
});
policy("web", {
  podSelector: { tier: "web" },
  policyTypes: ["Ingress", "Egress"],
  ingress: [{ ports: [{ port: 8080 }] }],
  egress: [{ to: [{ podSelector: { tier: "api" } }], ports: [{ port: "app" }] }],
});
policy("api", {
  podSelector: { tier: "api" },
  policyTypes: ["Ingress", "Egress"],
  ingress: [{ from: [{ podSelector: { tier: "web" } }] }],
  egress: [{ to: [{ podSelector: { tier: "db" } }], ports: [{ port: 5432 }] }],
});
policy("db", {
  podSelector: { tier: "db" },
  ingress: [{ from: [{ podSelector: { tier: "api" } }], ports: [{ port: 5432 }] }],
});

export const webContainer = web.containerIds.apply((ids) => ids.main);
export const apiContainer = api.containerIds.apply((ids) => ids.main);
