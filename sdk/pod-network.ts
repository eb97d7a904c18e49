import * as pulumi from "@pulumi/pulumi";
import { overlaps, parseCidr } from "../core/cidr";
import type { Cluster } from "./cluster";
import { PodlingResource } from "./podling-resource";
import type { ClusterLayout } from "../core/types";

export interface PodNetworkArgs {
  /** Docker network name; defaults to the resource name. */
  name?: pulumi.Input<string>;
  /** The pod CIDR. Default "10.244.0.0/16". Its last eighth is kept for service virtual IPs. */
  cidr?: pulumi.Input<string>;
  labels?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Cut pods off from the outside world (Docker's internal network). Default false. */
  internal?: pulumi.Input<boolean>;
  /**
   * The ports NodePort services of this network may use, as kube-proxy's --service-node-port-range.
   * Default "30000-32767".
   */
  serviceNodePortRange?: pulumi.Input<string>;
  /**
   * Host IPv4 addresses NodePorts are published on, as kube-proxy's --nodeport-addresses; "0.0.0.0/0" for
   * every address. Default ["127.0.0.1"]: loopback only, because Docker's published ports bypass the host's
   * firewall (Kubernetes' default is every address).
   */
  nodePortAddresses?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * On a cluster: encrypt pod traffic between nodes with IPsec ESP (Docker's overlay option `encrypted`).
   * The nodes' kernels need ESP (IP protocol 50) and AES-GCM; changing it replaces the network. Default false.
   */
  encrypted?: pulumi.Input<boolean>;
  /**
   * Spread the network over a cluster's nodes: a Swarm attachable overlay network, each node with its
   * own /24 of the CIDR (so the CIDR must be a /21 or larger). Without it, a bridge on one engine.
   */
  cluster?: Cluster;
}

/**
 * A pod network: one Docker bridge network with a fixed subnet, or, given a cluster, a Swarm overlay
 * network over its nodes. Pods on it reach each other by pod IP without NAT. Ready as soon as Docker has
 * created the network.
 *
 * @example
 * const net = new podling.PodNetwork("cluster", { cidr: "10.244.0.0/16" });
 */
export class PodNetwork extends PodlingResource {
  declare public readonly name: pulumi.Output<string>;
  declare public readonly cidr: pulumi.Output<string>;
  declare public readonly labels: pulumi.Output<Record<string, string>>;
  declare public readonly internal: pulumi.Output<boolean>;
  declare public readonly encrypted: pulumi.Output<boolean | undefined>;
  declare public readonly serviceNodePortRange: pulumi.Output<string>;
  declare public readonly nodePortAddresses: pulumi.Output<string[]>;
  /** The Docker network's name; pass this to `docker run --network` to join it by hand. */
  declare public readonly networkName: pulumi.Output<string>;
  declare public readonly networkId: pulumi.Output<string>;
  declare public readonly gateway: pulumi.Output<string>;
  declare public readonly serviceCidr: pulumi.Output<string | undefined>;
  /** The cluster DNS server that pods use for service names. */
  declare public readonly dnsIP: pulumi.Output<string | undefined>;
  /** On a cluster: each node's pod CIDR, and the home node that runs DNS and service routers. */
  declare public readonly clusterLayout: pulumi.Output<ClusterLayout | undefined>;

  /**
   * A PodNetwork that another stack (or program) manages, by Docker network name or id, so that this
   * program's pods, services and policies can join it. This stack only reads it; it never changes it.
   */
  static get(name: string, networkNameOrId: pulumi.Input<string>, opts?: pulumi.CustomResourceOptions): PodNetwork {
    return new PodNetwork(name, {}, { ...opts, id: networkNameOrId });
  }

  /** The cluster's node names, for the scheduler's plan; undefined for a single-host network. Not stored. */
  public readonly clusterNodeNames?: pulumi.Output<string[]>;
  /** The Docker network name when the program gives it literally, which the SDK's name checks compare. Not stored. */
  public readonly declaredName?: string;

  constructor(name: string, args: PodNetworkArgs = {}, opts?: pulumi.CustomResourceOptions) {
    // A network read by get() was declared elsewhere; its CIDR is not this program's to compare.
    if (!opts?.id) rememberCidr(name, args.cidr);
    super(
      "PodNetwork",
      name,
      {
        name: args.name ?? name,
        cidr: args.cidr,
        labels: args.labels,
        internal: args.internal,
        encrypted: args.encrypted,
        serviceNodePortRange: args.serviceNodePortRange,
        nodePortAddresses: args.nodePortAddresses,
        cluster:
          args.cluster &&
          pulumi
            .all([args.cluster.name, args.cluster.nodes, args.cluster.managers])
            .apply(([name, nodes, managers]) => ({ name, nodes, managers })),
        networkName: undefined,
        networkId: undefined,
        gateway: undefined,
        serviceCidr: undefined,
        dnsIP: undefined,
        clusterLayout: undefined,
      },
      opts,
    );
    this.clusterNodeNames = args.cluster?.nodes.apply((nodes) => nodes.map((n) => n.name));
    const declared = opts?.id ?? args.name ?? name;
    if (typeof declared === "string") this.declaredName = declared;
  }
}

// Two PodNetworks of one program must not overlap; neither exists in Docker yet at preview time, so the
// provider's check cannot see the clash. Only literal CIDRs can be compared here.
const declaredCidrs = new Map<string, string>();

export function rememberCidr(resourceName: string, cidr: pulumi.Input<string> | undefined): void {
  const text = cidr === undefined ? "10.244.0.0/16" : cidr;
  if (typeof text !== "string" || !parseCidr(text).ok) return; // unknown yet, or check reports it
  for (const [other, otherCidr] of declaredCidrs) {
    if (overlaps(text, otherCidr)) {
      throw new pulumi.RunError(
        `PodNetwork "${resourceName}": cidr ${text} overlaps PodNetwork "${other}" (${otherCidr}) declared in the same program`,
      );
    }
  }
  declaredCidrs.set(resourceName, text);
}
