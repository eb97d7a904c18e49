// Whatever the test writes to the JSON file that config `worldFile` names, declared as is: `networks`,
// `pods`, `services`, `policies`, `configMaps` and `secrets` are lists of resource arguments (`network` is
// an index into `networks`, default 0). A file, not config values, because config travels in the
// environment, which has a size limit that the hostile-input tests exceed. A secret `secretEnv`, when set,
// goes into the env of every pod's first container as SECRET. Used by the reliability suites.
import * as fs from "fs";
import * as pulumi from "@pulumi/pulumi";
import * as podling from "podling";

const config = new pulumi.Config();
type Declared = { resource: string; network?: number } & Record<string, any>;
const world = JSON.parse(fs.readFileSync(config.require("worldFile"), "utf8"));
const list = (key: string): Declared[] => world[key] ?? [];
const secretEnv = config.getSecret("secretEnv");

// An entry with `get` reads a PodNetwork that another stack manages.
const networks = list("networks").map(({ resource, get, ...args }) =>
  get ? podling.PodNetwork.get(resource, get) : new podling.PodNetwork(resource, args as podling.PodNetworkArgs),
);
const pods = list("pods").map(({ resource, network = 0, ...args }) => {
  const containers = secretEnv
    ? args.containers.map((c: any, i: number) => (i === 0 ? { ...c, env: { ...c.env, SECRET: secretEnv } } : c))
    : args.containers;
  return {
    name: (args.name ?? resource) as string,
    pod: new podling.Pod(resource, { ...args, containers, network: networks[network] } as podling.PodArgs),
  };
});
list("configMaps").forEach(({ resource, ...args }) => new podling.ConfigMap(resource, args as podling.ConfigMapArgs));
list("secrets").forEach(({ resource, ...args }) => new podling.Secret(resource, args as podling.SecretArgs));
const services = list("services").map(
  ({ resource, network = 0, ...args }) =>
    new podling.Service(resource, { ...args, network: networks[network] } as podling.ServiceArgs),
);
const deployments = list("deployments").map(({ resource, network = 0, ...args }) => ({
  resource,
  deployment: new podling.Deployment(resource, { ...args, network: networks[network] } as podling.DeploymentArgs),
}));
list("policies").forEach(
  ({ resource, network = 0, ...args }) =>
    new podling.NetworkPolicy(resource, { ...args, network: networks[network] } as podling.NetworkPolicyArgs),
);

export const podIPs = pulumi.all(Object.fromEntries(pods.map((p) => [p.name, p.pod.podIP])));
export const ready = pulumi.all(Object.fromEntries(pods.map((p) => [p.name, p.pod.ready])));
export const endpoints = pulumi.all(
  Object.fromEntries(services.map((s, i) => [list("services")[i].resource, s.endpoints])),
);
export const deploymentPods = pulumi.all(
  Object.fromEntries(
    deployments.map((d) => [d.resource, d.deployment.pods.apply((ps) => ps.map(({ name, hash }) => ({ name, hash })))]),
  ),
);
