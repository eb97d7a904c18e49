import * as pulumi from "@pulumi/pulumi";
import { PodlingResource } from "./podling-resource";
import type { ClusterNode } from "../core/types";

export interface ClusterNodeArgs {
  /** The node's name in Podling (pods' nodeName); a DNS label. */
  name: pulumi.Input<string>;
  /**
   * The node's Docker engine: unix:///path, tcp://host:port or ssh://user@host, as the docker CLI accepts.
   * tcp:// needs TLS with a client certificate (port 2376 or DOCKER_TLS_VERIFY=1, keys in DOCKER_CERT_PATH) unless `insecure`.
   */
  dockerHost: pulumi.Input<string>;
  /**
   * The address other nodes reach this one at (Swarm's advertise address). Required: Swarm's management
   * port listens on this address alone, not on every interface.
   */
  advertiseAddr: pulumi.Input<string>;
  /**
   * Accept a tcp:// dockerHost without TLS client certificates. Anyone who reaches that port controls the
   * engine, which is root on its host; without this, such a node is refused at preview. Default false.
   */
  insecure?: pulumi.Input<boolean>;
}

export interface ClusterArgs {
  /** Default: the resource name. */
  name?: pulumi.Input<string>;
  /** The Docker engines. The first one is the home of every cluster network: its DNS and service routers run there. */
  nodes: pulumi.Input<pulumi.Input<ClusterNodeArgs>[]>;
  /** How many of the first nodes are Swarm managers: default 3 (so one may be lost), or 1 under three nodes. */
  managers?: pulumi.Input<number>;
}

/**
 * Docker engines joined into one Docker Swarm, whose attachable overlay networks carry pod traffic between
 * them. The engines may already form a Swarm (it is adopted, and left as it is on delete); otherwise
 * Podling forms one (and dissolves it on delete). Podling places pods itself; it runs no Swarm services.
 *
 * @example
 * const cluster = new podling.Cluster("lab", { nodes: [
 *   { name: "n1", dockerHost: "unix:///var/run/podling-lab/n1.sock", advertiseAddr: "10.213.0.11" },
 *   { name: "n2", dockerHost: "ssh://admin@10.0.0.12", advertiseAddr: "10.0.0.12" },
 * ] });
 * const net = new podling.PodNetwork("cluster", { cidr: "10.244.0.0/16", cluster });
 */
export class Cluster extends PodlingResource {
  declare public readonly name: pulumi.Output<string>;
  declare public readonly nodes: pulumi.Output<ClusterNode[]>;
  declare public readonly managers: pulumi.Output<number>;
  declare public readonly swarmId: pulumi.Output<string>;
  /** Podling formed the Swarm (and dissolves it on delete), rather than adopting one. */
  declare public readonly formed: pulumi.Output<boolean>;
  /** Node name -> Swarm node id. */
  declare public readonly swarmNodeIds: pulumi.Output<Record<string, string>>;
  /** Node name -> "ready", "down" or "unreachable", as last seen by up or refresh. */
  declare public readonly nodeStatus: pulumi.Output<Record<string, string>>;
  /** Seconds that forming the Swarm took (init and joins), when Podling formed it. */
  declare public readonly formationSeconds: pulumi.Output<number | undefined>;

  constructor(name: string, args: ClusterArgs, opts?: pulumi.CustomResourceOptions) {
    if (!args?.nodes)
      throw new pulumi.RunError(`Cluster "${name}": nodes is required (a list of { name, dockerHost })`);
    super(
      "Cluster",
      name,
      {
        name: args.name ?? name,
        nodes: args.nodes,
        managers: args.managers,
        swarmId: undefined,
        formed: undefined,
        swarmNodeIds: undefined,
        nodeStatus: undefined,
        formationSeconds: undefined,
      },
      opts,
    );
  }
}
