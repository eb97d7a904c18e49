// What the CLI tests deploy with the from-config program: two namespaces, a two-container pod behind a
// ClusterIP service, a pod whose readiness the test can take away (its probe checks a file), a headless
// service, a policy that isolates that pod, and a two-replica Deployment whose pods carry one label more
// than its selector asks for.
import { httpServer, sleeper, TOOLBOX } from "./workloads";

export function cliWorld(network: string, cidr: string) {
  const web = {
    resource: "web",
    labels: { app: "web" },
    containers: [httpServer("server", 8080, "hello from web"), sleeper("sidecar")],
  };
  const api = {
    resource: "api",
    namespace: "shop",
    labels: { app: "api" },
    containers: [
      {
        name: "server",
        image: TOOLBOX,
        command: [
          "sh",
          "-c",
          "trap 'exit 0' TERM; touch /tmp/ready; echo api starting; mkdir -p /www; echo api > /www/index.html; " +
            "httpd -f -p 9090 -h /www & while :; do echo tick $(date +%s); sleep 1; done & wait",
        ],
        ports: [{ name: "http", containerPort: 9090, protocol: "TCP" }],
        readinessProbe: { exec: { command: ["test", "-f", "/tmp/ready"] }, periodSeconds: 1, failureThreshold: 1 },
      },
    ],
  };
  return {
    networks: [{ resource: "net", name: network, cidr }],
    pods: [web, api],
    services: [
      {
        resource: "web-svc",
        name: "web",
        selector: { app: "web" },
        ports: [{ name: "http", port: 80, targetPort: 8080 }],
      },
      {
        resource: "api-svc",
        name: "api",
        namespace: "shop",
        type: "Headless",
        selector: { app: "api" },
        ports: [{ port: 9090 }],
      },
    ],
    deployments: [
      {
        resource: "front",
        replicas: 2,
        selector: { matchLabels: { app: "front" } },
        template: {
          metadata: { labels: { app: "front", tier: "edge" } },
          spec: { terminationGracePeriodSeconds: 1, containers: [httpServer("server", 8080, "hello from front")] },
        },
      },
    ],
    policies: [
      {
        resource: "api-from-web",
        namespace: "shop",
        podSelector: { app: "api" },
        policyTypes: ["Ingress"],
        ingress: [{ from: [{ namespaceSelector: {}, podSelector: { app: "web" } }], ports: [{ port: 9090 }] }],
      },
    ],
  };
}
