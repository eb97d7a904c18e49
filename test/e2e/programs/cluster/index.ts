// A Cluster, one PodNetwork over it, and whatever pods, services and network policies the test writes to
// the JSON file that config `worldFile` names: { cluster: ClusterArgs, network: PodNetworkArgs, pods,
// deployments, services, policies }, each a list of resource arguments with a `resource` name.
import * as fs from "fs";
import * as pulumi from "@pulumi/pulumi";
import * as podling from "podling";

const config = new pulumi.Config();
type Declared = { resource: string } & Record<string, any>;
const world = JSON.parse(fs.readFileSync(config.require("worldFile"), "utf8"));
const list = (key: string): Declared[] => world[key] ?? [];

const cluster = new podling.Cluster("cluster", world.cluster);
const net = new podling.PodNetwork("net", { ...world.network, cluster });
const pods = list("pods").map(
  ({ resource, ...args }) => new podling.Pod(resource, { ...args, network: net } as podling.PodArgs),
);
const deployments = list("deployments").map(
  ({ resource, ...args }) => new podling.Deployment(resource, { ...args, network: net } as podling.DeploymentArgs),
);
const services = list("services").map(
  ({ resource, ...args }) => new podling.Service(resource, { ...args, network: net } as podling.ServiceArgs),
);
list("policies").forEach(
  ({ resource, ...args }) =>
    new podling.NetworkPolicy(resource, { ...args, network: net } as podling.NetworkPolicyArgs),
);

export const formationSeconds = cluster.formationSeconds;
export const nodeStatus = cluster.nodeStatus;
export const clusterLayout = net.clusterLayout;
export const pod = pulumi.all(
  Object.fromEntries(
    pods.map((p, i) => [
      list("pods")[i].resource,
      pulumi.output({
        nodeName: p.nodeName,
        podIP: p.podIP,
        ready: p.ready,
        sandbox: p.infraContainerId,
        containers: p.containerIds,
      }),
    ]),
  ),
);
export const service = pulumi.all(
  Object.fromEntries(
    services.map((s, i) => [
      list("services")[i].resource,
      pulumi.output({ clusterIP: s.clusterIP, endpoints: s.endpoints }),
    ]),
  ),
);
export const deployment = pulumi.all(
  Object.fromEntries(
    deployments.map((d, i) => [
      list("deployments")[i].resource,
      pulumi.output({
        pods: d.pods,
        readyReplicas: d.readyReplicas,
        updatedReplicas: d.updatedReplicas,
        templateHash: d.templateHash,
      }),
    ]),
  ),
);
