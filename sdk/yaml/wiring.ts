// The one place that ties manifest kinds to Podling's resource classes. A kind without a factory, and a
// pod-spec feature not listed, fails at preview ("kind Deployment: not supported yet"); never skipped.
import type * as pulumi from "@pulumi/pulumi";
import { ConfigMap } from "../config-map";
import { Deployment, DeploymentArgs } from "../deployment";
import { Namespace } from "../namespace";
import { NetworkPolicy } from "../network-policy";
import { Pod } from "../pod";
import type { PodNetwork } from "../pod-network";
import { Secret } from "../secret";
import { Service } from "../service";
import type { ArgsOfKind } from "./convert";
import type { Feature, Kind } from "./fields";
import type { Wiring } from "./validate";

type Factory<K extends Kind> = (
  name: string,
  args: ArgsOfKind[K],
  network: PodNetwork,
  opts: pulumi.CustomResourceOptions,
) => pulumi.Resource;

export const FACTORIES: { [K in Kind]?: Factory<K> } = {
  Namespace: (name, args, _network, opts) => new Namespace(name, args, opts),
  Pod: (name, args, network, opts) => new Pod(name, { ...args, network }, opts),
  Service: (name, args, network, opts) => new Service(name, { ...args, network }, opts),
  NetworkPolicy: (name, args, network, opts) => new NetworkPolicy(name, { ...args, network }, opts),
  // Validation made sure the template has labels (its selector must match them).
  Deployment: (name, args, network, opts) => new Deployment(name, { ...args, network } as DeploymentArgs, opts),
  ConfigMap: (name, args, _network, opts) => new ConfigMap(name, args, opts),
  Secret: (name, args, _network, opts) => new Secret(name, args, opts),
};

/** Pod-spec fields that consume ConfigMaps, Secrets and field references, which Pod supports. */
export const FEATURES: ReadonlySet<Feature> = new Set<Feature>(["configMapRefs", "secretRefs", "fieldRefs"]);

export const WIRING: Wiring = {
  kinds: new Set(Object.keys(FACTORIES) as Kind[]),
  features: FEATURES,
};
