// Whatever the test puts in config, declared as is: `networks`, `pods` and `services` are JSON lists of
// resource arguments (`network` is an index into `networks`, default 0). A secret `secretEnv`, when set,
// goes into the env of every pod's first container as SECRET. Used by the reliability suite.
import * as pulumi from "@pulumi/pulumi";
import * as podling from "podling";

const config = new pulumi.Config();
type Declared = { resource: string; network?: number } & Record<string, any>;
const list = (key: string): Declared[] => config.getObject<Declared[]>(key) ?? [];
const secretEnv = config.getSecret("secretEnv");

const networks = list("networks").map(({ resource, ...args }) => new podling.PodNetwork(resource, args as podling.PodNetworkArgs));
const pods = list("pods").map(({ resource, network = 0, ...args }) => {
  const containers = secretEnv ? args.containers.map((c: any, i: number) => (i === 0 ? { ...c, env: { ...c.env, SECRET: secretEnv } } : c)) : args.containers;
  return new podling.Pod(resource, { ...args, containers, network: networks[network] } as podling.PodArgs);
});
list("services").forEach(({ resource, network = 0, ...args }) => new podling.Service(resource, { ...args, network: networks[network] } as podling.ServiceArgs));

export const podIPs = pulumi.all(Object.fromEntries(pods.map((p) => [p.podName, p.podIP])));
export const ready = pulumi.all(Object.fromEntries(pods.map((p) => [p.podName, p.ready])));
