// Golden tests of the pure plans: what a change to a stored pod or service asks of Docker. One file per
// kind lists every case with its plan, so a change in the field tables shows as a reviewed diff.
import { describeActions } from "../../provider/diff/actions";
import { UNKNOWN } from "../../provider/check/failures";
import { checkPod } from "../../provider/pod/check";
import { computePodActions } from "../../provider/pod/plan";
import { checkService } from "../../provider/service/check";
import { computeServiceActions } from "../../provider/service/plan";
import { expectGolden } from "../support/golden";

type Bag = Record<string, any>;
const checked = (fn: (news: Bag) => { inputs: unknown }, news: Bag): Bag => fn(news).inputs as Bag;

const node = { name: "n1", dockerHost: "tcp://10.0.0.1:2376", podCidr: "10.244.0.0/24" };
const pod = (over: (p: Bag) => void = () => undefined): Bag => {
  const p = checked(checkPod, {
    network: "net",
    name: "web",
    labels: { app: "web" },
    containers: [{ name: "server", image: "img:1", env: { A: "1" }, resources: { limits: { cpu: "500m" } } }],
  });
  over(p);
  return p;
};
const stored = (p: Bag): Bag => ({
  ...p,
  podIP: "10.244.0.2",
  infraContainerId: "sandbox",
  containerIds: { server: "c1" },
  status: "Running",
  ready: true,
});

const podCases: Array<[string, (p: Bag) => void]> = [
  ["nothing changed", () => undefined],
  ["a label added", (p) => (p.labels.tier = "front")],
  ["a cpu limit changed", (p) => (p.containers[0].resources.limits.cpu = "1")],
  ["the restart policy changed", (p) => (p.restartPolicy = "OnFailure")],
  [
    "a cpu limit and the restart policy changed",
    (p) => ((p.containers[0].resources.limits.cpu = "1"), (p.restartPolicy = "Never")),
  ],
  ["an env value changed", (p) => (p.containers[0].env.A = "2")],
  [
    "an env value and a cpu limit changed",
    (p) => ((p.containers[0].env.A = "2"), (p.containers[0].resources.limits.cpu = "1")),
  ],
  ["a container added", (p) => p.containers.push({ name: "side", image: "img:1" })],
  ["the readiness timeout changed", (p) => (p.readyTimeoutSeconds = 30)],
];

const clusterPod = (over: (p: Bag) => void = () => undefined): Bag => {
  const p = pod();
  p.clusterLayout = { cluster: "c", cidr: "10.244.0.0/16", home: node, nodes: [node] };
  over(p);
  return p;
};
// What refresh found: a container stopped (a daemon restart started it before its sandbox, say).
const stoppedCases: Array<[string, string, (p: Bag) => void]> = [
  ["found stopped, restartPolicy Always", "Always", () => undefined],
  [
    "found stopped, restartPolicy Always, and a cpu limit changed",
    "Always",
    (p) => (p.containers[0].resources.limits.cpu = "1"),
  ],
  ["found stopped, restartPolicy Always, and an env value changed", "Always", (p) => (p.containers[0].env.A = "2")],
  ["found stopped, restartPolicy Never", "Never", () => undefined],
  ["found stopped, restartPolicy OnFailure", "OnFailure", () => undefined],
];

const placedCases: Array<[string, (p: Bag) => void]> = [
  ["on a cluster, nothing changed", () => undefined],
  [
    "its node is reached at a new address",
    (p) => (p.clusterLayout.nodes = [{ ...node, dockerHost: "tcp://10.0.0.9:2376" }]),
  ],
  ["its node's block moved", (p) => (p.clusterLayout.nodes = [{ ...node, podCidr: "10.244.5.0/24" }])],
  ["its node left the cluster", (p) => (p.clusterLayout.nodes = [{ ...node, name: "n2" }])],
  ["pinned to another node", (p) => (p.nodeName = "n2")],
];

const service = (over: (s: Bag) => void = () => undefined): Bag => {
  const s = checked(checkService, {
    network: "net",
    name: "web",
    selector: { app: "web" },
    ports: [{ name: "http", port: 80, targetPort: 8080 }],
    endpoints: [{ pod: "default/a", ip: "10.244.0.2", ready: true }],
  });
  over(s);
  return s;
};
const serviceCases: Array<[string, (s: Bag) => void]> = [
  ["nothing changed", () => undefined],
  ["an endpoint became unready", (s) => (s.endpoints[0].ready = false)],
  ["a port added", (s) => s.ports.push({ name: "metrics", port: 9090, targetPort: 9090, protocol: "TCP" })],
  ["a policy filter appeared", (s) => (s.policyFilter = { backends: [], clients: [] })],
  ["client affinity turned on", (s) => (s.sessionAffinity = "ClientIP")],
  ["the router's node is not known yet (preview)", (s) => (s.routerNode = UNKNOWN)],
  [
    "a node joined the service's cluster",
    (s) => (s.clusterNodes = [{ name: "n2", dockerHost: "unix:///n2.sock", podCidr: "10.244.1.0/24" }]),
  ],
  ["the cluster's nodes are not known yet (preview)", (s) => (s.clusterNodes = UNKNOWN)],
  ["the selector changed", (s) => (s.selector = { app: "api" })],
  ["the network's nodePortAddresses changed (nothing published)", (s) => (s.nodePortAddresses = ["0.0.0.0/0"])],
];
const nodePortCases: Array<[string, (s: Bag) => void]> = [
  ["a NodePort service's host port changed", (s) => (s.ports[0].nodePort = 30081)],
  [
    "a NodePort service's endpoints changed",
    (s) => s.endpoints.push({ pod: "default/b", ip: "10.244.0.3", ready: true }),
  ],
  ["the network's nodePortAddresses changed", (s) => (s.nodePortAddresses = ["127.0.0.1", "127.0.0.2"])],
  ["the network's serviceNodePortRange changed", (s) => (s.serviceNodePortRange = "30000-30100")],
];
const headlessCases: Array<[string, (s: Bag) => void]> = [
  ["a headless service's endpoint added", (s) => s.endpoints.push({ pod: "default/b", ip: "10.244.0.3", ready: true })],
  ["a headless service's port changed", (s) => (s.ports[0].port = 81)],
  [
    "a node joined a headless service's cluster",
    (s) => (s.clusterNodes = [{ name: "n2", dockerHost: "unix:///n2.sock", podCidr: "10.244.1.0/24" }]),
  ],
];

function render(
  cases: Array<[string, (b: Bag) => void]>,
  base: (over?: (b: Bag) => void) => Bag,
  plan: (olds: Bag, news: Bag) => Parameters<typeof describeActions>[0],
  store: (b: Bag) => Bag = (b) => b,
): string {
  return cases.map(([name, change]) => `## ${name}\n${describeActions(plan(store(base()), base(change)))}`).join("\n");
}

describe("plans", () => {
  it("pods: what each change recreates or updates in place", () => {
    const text =
      render(podCases, pod, computePodActions, stored) +
      "\n" +
      render(placedCases, clusterPod, computePodActions, (p) => ({ ...stored(p), node, nodeName: "n1" })) +
      "\n" +
      stoppedCases
        .map(([name, policy, change]) => {
          const olds = {
            ...stored(pod((p) => (p.restartPolicy = policy))),
            status: "Stopped: container server: exited with code 255",
          };
          return `## ${name}\n${describeActions(
            computePodActions(
              olds,
              pod((p) => ((p.restartPolicy = policy), change(p))),
            ),
          )}`;
        })
        .join("\n");
    expectGolden("plans/pod.txt", text);
  });

  it("services: what each change recreates or updates in place", () => {
    const nodePort = (over?: (s: Bag) => void) =>
      service((s) => ((s.type = "NodePort"), (s.ports[0].nodePort = 30080), over?.(s)));
    const headless = (over?: (s: Bag) => void) => service((s) => ((s.type = "Headless"), over?.(s)));
    const text = [
      render(serviceCases, service, computeServiceActions),
      render(nodePortCases, nodePort, computeServiceActions),
      render(headlessCases, headless, computeServiceActions),
    ].join("\n");
    expectGolden("plans/service.txt", text);
  });
});
