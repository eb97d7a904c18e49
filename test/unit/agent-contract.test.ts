// The node agent's state files are one contract, written as JSON Schemas in tools/agent/schema. The
// provider's real builders must write documents those schemas accept, and the shared vectors in
// schema/testdata must be accepted (or, under invalid/, refused). The Go side decodes the same vectors.
import * as fs from "fs";
import * as path from "path";
import Ajv2020 from "ajv/dist/2020";
import { podEntry } from "../../provider/pod/agent-entry";
import { recordsEntry } from "../../provider/service/headless";
import { routerEntry } from "../../provider/service/router";
import { checkPod } from "../../provider/pod/check";
import { checkNetworkPolicy } from "../../provider/network-policy/check";
import { netPolEntry } from "../../provider/network-policy/handlers";
import type { DeploymentSpec, PodSpec, ServiceSpec } from "../../core/types";
import { deploymentEntry } from "../../provider/deployment/agent-record";
import { renderFirewall } from "../../provider/rules/policy-rules";
import { firewallEntry } from "../../provider/pod-firewall/apply";
import { clusterEntry } from "../../provider/pod-network/node-agents";
import { assignBlocks } from "../../core/node-blocks";

const SCHEMA_DIR = path.join(__dirname, "../../tools/agent/schema");
const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, file), "utf8"));
const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
const validators = {
  desired: ajv.compile(readJson("desired.schema.json") as object),
  status: ajv.compile(readJson("status.schema.json") as object),
};
function schemaErrors(kind: keyof typeof validators, value: unknown): string[] {
  const validate = validators[kind];
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`);
}
const kindOf = (file: string): keyof typeof validators => (file.startsWith("status-") ? "status" : "desired");
const vectors = (dir: string) =>
  fs
    .readdirSync(path.join(SCHEMA_DIR, dir))
    .filter((f) => f.endsWith(".json"))
    .map((f) => path.join(dir, f));

const START = "2026-12-02T15:00:00.123456789Z";

describe("node agent contract", () => {
  it("the provider's pod entry, with init containers, is what the schema accepts", () => {
    const { inputs, failures } = checkPod({
      network: "net",
      name: "web",
      restartPolicy: "OnFailure",
      initContainers: [{ name: "render", image: "busybox", command: ["true"] }],
      containers: [
        { name: "server", image: "busybox" },
        { name: "sidecar", image: "busybox" },
      ],
    });
    expect(failures).toEqual([]);
    const entry = podEntry(
      inputs as unknown as PodSpec,
      "sandbox-id",
      { server: "s-id", sidecar: "c-id" },
      START,
      "10.244.0.9",
    );
    expect(schemaErrors("desired", entry)).toEqual([]);
    expect([entry.ip, entry.labels, entry.namedPorts]).toEqual(["10.244.0.9", {}, undefined]);
    expect(entry.initContainers).toEqual(["net_default_web_render"]);
    expect(entry.containers.map((c) => [c.name, c.id, c.restartPolicy])).toEqual([
      ["server", "s-id", "OnFailure"],
      ["sidecar", "c-id", "OnFailure"],
    ]);
  });

  it("a pod entry on one engine asks the agent to enforce its policies, naming the pod's address, labels and ports", () => {
    const { inputs, failures } = checkPod({
      network: "net",
      namespace: "shop",
      name: "api",
      labels: { app: "api" },
      containers: [{ name: "server", image: "busybox", ports: [{ name: "http", containerPort: 8080 }] }],
    });
    expect(failures).toEqual([]);
    const spec = inputs as unknown as PodSpec;
    const entry = podEntry(spec, "sandbox-id", { server: "s-id" }, START, "10.244.0.9");
    expect(schemaErrors("desired", entry)).toEqual([]);
    expect(entry.ports).toEqual([{ name: "http", containerPort: 8080, protocol: "TCP" }]);
    expect(entry.policyRevision).toMatch(/^[0-9a-f]{16}$/);
    // The same pod with its containers brought up: the same revision. Another address: another.
    expect(podEntry(spec, "sandbox-id", {}, START, "10.244.0.9").policyRevision).toBe(entry.policyRevision);
    expect(podEntry(spec, "sandbox-id", {}, START, "10.244.0.7").policyRevision).not.toBe(entry.policyRevision);
    // On a cluster the SDK's PodFirewalls enforce policies, not the agent.
    const onCluster = { ...spec, clusterLayout: {} } as unknown as PodSpec;
    expect(podEntry(onCluster, "sandbox-id", {}, START, "10.244.0.9").policyRevision).toBeUndefined();
  });

  it("the provider's NetPol entry carries the policy and the namespace labels, named by a hash of them", () => {
    const { inputs, failures } = checkNetworkPolicy({
      network: "net",
      namespace: "shop",
      name: "api-from-web",
      podSelector: { app: "api" },
      ingress: [{ from: [{ namespaceSelector: { team: "a" } }], ports: [{ port: "http" }] }],
      enforcement: "node-agent",
      namespaceLabels: { shop: { team: "a" } },
    });
    expect(failures).toEqual([]);
    const entry = netPolEntry(inputs);
    expect(schemaErrors("desired", entry)).toEqual([]);
    expect(entry.namespaces).toEqual({ shop: { team: "a" } });
    expect(netPolEntry({ ...inputs, namespaceLabels: {} } as never).revision).not.toBe(entry.revision);
    expect(netPolEntry(inputs).revision).toBe(entry.revision);
  });

  it("the provider's Deployment record carries desired replicas, template hash, selector text and creation", () => {
    const spec = {
      network: "net",
      namespace: "shop",
      name: "web",
      replicas: 0,
      selector: { matchLabels: { app: "web" }, matchExpressions: [{ key: "tier", operator: "In", values: ["a"] }] },
    } as unknown as DeploymentSpec;
    const entry = deploymentEntry(spec, "5d8f7c9b6", START);
    expect(schemaErrors("desired", entry)).toEqual([]);
    expect([entry.replicas, entry.selector, entry.created]).toEqual([0, "app=web,tier in (a)", START]);
  });

  it("the provider's router entry loads hooks and filter, in that order, and carries the service for the agent", () => {
    const spec: ServiceSpec = {
      network: "net",
      namespace: "default",
      name: "web",
      selector: { app: "web" },
      type: "NodePort",
      ports: [{ name: "http", port: 80, targetPort: "http", protocol: "TCP", nodePort: 30080 }],
      endpoints: [
        { pod: "default/web-a", ip: "10.0.0.5", ready: true, namedPorts: { http: 8080 } },
        { pod: "default/web-b", ip: "10.0.0.6", ready: false },
      ],
      sessionAffinity: "ClientIP",
      sessionAffinityTimeoutSeconds: 600,
    };
    const entry = routerEntry(spec, "router-id", "10.0.0.200", START);
    expect(schemaErrors("desired", entry)).toEqual([]);
    expect(entry.restore.map((r) => r.noflush)).toEqual([true, false]);
    expect(entry.service).toEqual({
      namespace: "default",
      name: "web",
      clusterIP: "10.0.0.200",
      sessionAffinity: "ClientIP",
      sessionAffinityTimeoutSeconds: 600,
      ports: [{ name: "http", port: 80, targetPort: "http", protocol: "TCP" }],
      endpoints: spec.endpoints,
      // The agent also selects pods the program does not list (a Deployment's) by this.
      selector: { app: "web" },
    });
  });

  it("the provider's firewall entry carries the rendered rules verbatim, named by a hash of them", () => {
    const target = { network: "net", namespace: "default", pod: "web", sandboxId: "sandbox-id", key: "firewall.x" };
    const rules = renderFirewall({ ingress: [] });
    const entry = firewallEntry(target, rules);
    expect(schemaErrors("desired", entry)).toEqual([]);
    expect(entry.rules).toBe(rules);
    expect(firewallEntry(target, rules).revision).toBe(entry.revision);
    expect(firewallEntry(target, renderFirewall({})).revision).not.toBe(entry.revision);
  });

  it("the provider's records entry names the DNS's hosts file and the service's one name, with its endpoints", () => {
    const spec = {
      network: "net",
      namespace: "shop",
      name: "api",
      type: "Headless",
      selector: { app: "api" },
      endpoints: [
        { pod: "shop/api-1", ip: "10.0.0.5", ready: true, namedPorts: { http: 8080 } },
        { pod: "shop/api-2", ip: "10.0.0.6", ready: false },
      ],
    } as unknown as ServiceSpec;
    const entry = recordsEntry(spec, "dns_net");
    expect(schemaErrors("desired", entry)).toEqual([]);
    expect(entry).toMatchObject({
      container: "dns_net",
      path: "/etc/podling/dns/svc.shop.api",
      hostname: "api.shop.svc.cluster.local",
      endpoints: [
        { pod: "shop/api-1", ip: "10.0.0.5", ready: true },
        { pod: "shop/api-2", ip: "10.0.0.6", ready: false },
      ],
      selector: spec.selector,
    });
  });

  it("the provider's cluster entry names the agent's node, every node's block, address and DNS, and its own DNS", () => {
    const cluster = {
      name: "lab",
      managers: 3,
      nodes: ["n1", "n2"].map((name, i) => ({
        name,
        dockerHost: `unix:///${name}.sock`,
        advertiseAddr: `10.213.0.1${i + 1}`,
      })),
    };
    const nodes = assignBlocks("10.244.0.0/16", cluster.nodes);
    const spec = {
      network: "lab-net",
      owner: undefined,
      layout: { cluster: "lab", cidr: "10.244.0.0/16", home: nodes[0], nodes },
      cluster,
      dnsIP: "10.244.224.2",
    };
    const dnsOf = new Map([
      ["n1", "10.244.224.2"],
      ["n2", "10.244.1.2"],
    ]);
    const entry = clusterEntry(spec, "n2", dnsOf);
    expect(schemaErrors("desired", entry)).toEqual([]);
    expect(entry).toEqual({
      version: 1,
      kind: "cluster",
      network: "lab-net",
      node: "n2",
      nodes: [
        { name: "n1", podCidr: "10.244.0.0/24", address: "10.213.0.11", dns: "10.244.224.2" },
        { name: "n2", podCidr: "10.244.1.0/24", address: "10.213.0.12", dns: "10.244.1.2" },
      ],
      dns: { clusterIP: "10.244.224.2", local: "10.244.1.2", container: "dns_lab-net" },
    });
    // A node the provider could not reach has no DNS address: its agent is asked nothing.
    expect(clusterEntry(spec, "n2", new Map([["n2", "10.244.1.2"]])).nodes[0]).not.toHaveProperty("dns");
    // A network too small for services has no DNS to translate.
    expect(clusterEntry({ ...spec, dnsIP: undefined }, "n2", new Map())).not.toHaveProperty("dns");
  });

  it("every shared vector is accepted, and every invalid one refused", () => {
    const valid = vectors("testdata");
    const invalid = vectors("testdata/invalid");
    expect(valid.length).toBeGreaterThanOrEqual(5);
    expect(invalid.length).toBeGreaterThanOrEqual(1);
    for (const file of valid)
      expect([file, schemaErrors(kindOf(path.basename(file)), readJson(file))]).toEqual([file, []]);
    for (const file of invalid)
      expect([file, schemaErrors(kindOf(path.basename(file)), readJson(file)).length > 0]).toEqual([file, true]);
  });
});
