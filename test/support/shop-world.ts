// A realistic policy world for golden and packet tests: a shop namespace (web, api, db) under default
// deny with DNS allowed, a monitoring namespace scraping the api, and a service router in front of web
// and of api. It covers named ports, ipBlock with except, egress, port ranges and SCTP.
import type { PodView, PolicyView, PolicyWorld } from "../../core/policy";

const pod = (
  namespace: string,
  name: string,
  ip: string,
  labels: Record<string, string>,
  ports: PodView["ports"] = [],
): PodView => ({ namespace, name, ip, labels, ports });

export const WEB = pod("shop", "web-1", "10.244.0.10", { app: "web" }, [
  { name: "http", containerPort: 8080, protocol: "TCP" },
]);
export const API = pod("shop", "api-1", "10.244.0.20", { app: "api" }, [
  { name: "grpc", containerPort: 9090, protocol: "TCP" },
  { name: "metrics", containerPort: 9100, protocol: "TCP" },
]);
export const DB = pod("shop", "db-1", "10.244.0.30", { app: "db" }, [
  { name: "pg", containerPort: 5432, protocol: "TCP" },
]);
export const PROMETHEUS = pod("monitoring", "prometheus", "10.244.0.40", { app: "prometheus" });
export const WEB_ROUTER = "10.244.224.2";
export const API_ROUTER = "10.244.224.3";

const policy = (name: string, over: Partial<PolicyView>): PolicyView => ({
  namespace: "shop",
  name,
  podSelector: {},
  policyTypes: ["Ingress"],
  ingress: [],
  egress: [],
  ...over,
});

const POLICIES: PolicyView[] = [
  policy("default-deny", {
    policyTypes: ["Ingress", "Egress"],
    egress: [
      {
        ports: [
          { port: 53, protocol: "UDP" },
          { port: 53, protocol: "TCP" },
        ],
      },
    ],
  }),
  policy("web-from-office", {
    podSelector: { app: "web" },
    ingress: [
      {
        from: [{ ipBlock: { cidr: "192.168.0.0/16", except: ["192.168.13.0/24", "192.168.66.0/24"] } }],
        ports: [{ port: "http", protocol: "TCP" }],
      },
    ],
  }),
  policy("web-egress", {
    podSelector: { app: "web" },
    policyTypes: ["Egress"],
    egress: [
      { to: [{ podSelector: { app: "api" } }], ports: [{ port: "grpc", protocol: "TCP" }] },
      { to: [{ ipBlock: { cidr: "203.0.113.0/24" } }], ports: [{ protocol: "SCTP" }] },
    ],
  }),
  policy("api-ingress", {
    podSelector: { app: "api" },
    ingress: [
      { from: [{ podSelector: { app: "web" } }], ports: [{ port: "grpc", protocol: "TCP" }] },
      {
        from: [{ namespaceSelector: { purpose: "monitoring" }, podSelector: { app: "prometheus" } }],
        ports: [{ port: "metrics", protocol: "TCP" }],
      },
    ],
  }),
  policy("api-egress", {
    podSelector: { app: "api" },
    policyTypes: ["Egress"],
    egress: [
      { to: [{ podSelector: { app: "db" } }], ports: [{ port: "pg", protocol: "TCP" }] },
      {
        to: [{ ipBlock: { cidr: "10.96.0.0/12", except: ["10.100.0.0/16"] } }],
        ports: [{ port: 30000, endPort: 32767, protocol: "TCP" }],
      },
    ],
  }),
  policy("db-from-api", {
    podSelector: { app: "db" },
    ingress: [{ from: [{ podSelector: { app: "api" } }], ports: [{ port: 5432, protocol: "TCP" }] }],
  }),
];

export const SHOP_WORLD: PolicyWorld = {
  pods: [WEB, API, DB, PROMETHEUS],
  namespaces: { shop: { team: "shop" }, monitoring: { purpose: "monitoring" } },
  policies: POLICIES,
  routers: [
    { ip: WEB_ROUTER, endpoints: ["shop/web-1"] },
    { ip: API_ROUTER, endpoints: ["shop/api-1"] },
  ],
};
