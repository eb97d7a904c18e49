import * as pulumi from "@pulumi/pulumi";
import type { PodNetwork } from "./pod-network";
import { nodePreferenceFor } from "./placement-plan";
import { startupFirewallOf } from "./network-policy";
import { claimName, registerPod } from "./pod-registry";
import { PodlingResource } from "./podling-resource";
import { podConfigSources } from "./config-sources";
import type { ContainerArgs, PodDNSConfigArgs, VolumeArgs } from "./types/input";
import type { Container, ContainerStatus, NodeBlock, PullPolicy, RestartPolicy } from "../core/types";

export interface PodArgs {
  /** The PodNetwork the pod gets its address from. */
  network: PodNetwork;
  /** Pod name, also its hostname; defaults to the resource name. */
  name?: pulumi.Input<string>;
  /** Default "default". */
  namespace?: pulumi.Input<string>;
  labels?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  annotations?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** For every container that sets none: as in Kubernetes, Always for :latest images, else IfNotPresent. */
  imagePullPolicy?: pulumi.Input<PullPolicy>;
  /** Seconds between SIGTERM and SIGKILL when the pod is deleted or a probe stops a container. Default 30. */
  terminationGracePeriodSeconds?: pulumi.Input<number>;
  /** "Always" (default), "OnFailure" or "Never", as in Kubernetes; Docker's restart policies carry it out. */
  restartPolicy?: pulumi.Input<RestartPolicy>;
  /** Default: the pod's name. */
  hostname?: pulumi.Input<string>;
  /**
   * With a headless Service of this name in the pod's namespace, the pod also resolves as
   * `<hostname>.<subdomain>.<namespace>.svc.cluster.local`, as in Kubernetes.
   */
  subdomain?: pulumi.Input<string>;
  /** Nameservers, search domains and resolver options added to the cluster DNS settings. */
  dnsConfig?: pulumi.Input<PodDNSConfigArgs>;
  /** How long `pulumi up` waits for every container to run and pass its readiness probe. Default 300. */
  readyTimeoutSeconds?: pulumi.Input<number>;
  /**
   * emptyDir (owned by the pod, removed with it), hostPath (a bind mount), and configMap and secret
   * volumes (the keys of a ConfigMap or Secret as read-only files).
   */
  volumes?: pulumi.Input<pulumi.Input<VolumeArgs>[]>;
  /** Run in order, each to completion, before any app container starts; they share the pod's network and volumes. */
  initContainers?: pulumi.Input<pulumi.Input<ContainerArgs>[]>;
  containers: pulumi.Input<pulumi.Input<ContainerArgs>[]>;
  /**
   * On a cluster network: pin the pod to this node. Without it the scheduler places the pod (spreading,
   * and by the cpu and memory its containers request) once, when it is created; it stays there.
   */
  nodeName?: pulumi.Input<string>;
}

/**
 * A pod: containers that share one network namespace (one IP, one localhost), held by an infra
 * container, with an address from its PodNetwork's CIDR.
 *
 * Init containers run first, in order. Ready when every app container runs and passes its readiness
 * probe; `up` waits up to readyTimeoutSeconds for that. A container that exits at once, fails to start,
 * or whose image is missing fails the create, and nothing is left behind.
 *
 * @example
 * new podling.Pod("web", {
 *   network: net,
 *   labels: { app: "web" },
 *   containers: [
 *     { name: "server", image: "nginx:alpine", ports: [{ containerPort: 80 }] },
 *     { name: "sidecar", image: "busybox:1.36", command: ["sleep", "infinity"] },
 *   ],
 * });
 */
export class Pod extends PodlingResource {
  declare public readonly network: pulumi.Output<string>;
  declare public readonly namespace: pulumi.Output<string>;
  declare public readonly labels: pulumi.Output<Record<string, string>>;
  declare public readonly annotations: pulumi.Output<Record<string, string>>;
  declare public readonly containers: pulumi.Output<Container[]>;
  declare public readonly terminationGracePeriodSeconds: pulumi.Output<number>;
  /** The pod's address, from the network's CIDR; the annotation podling.io/pod-ip records it in Docker too. */
  declare public readonly podIP: pulumi.Output<string>;
  declare public readonly podName: pulumi.Output<string>;
  declare public readonly infraContainerId: pulumi.Output<string>;
  /** Container name -> Docker container id. */
  declare public readonly containerIds: pulumi.Output<Record<string, string>>;
  /** "Running", or what is wrong, as last seen by `up` or `refresh`. */
  declare public readonly status: pulumi.Output<string>;
  /** Every container runs and passes its readiness probe; services send traffic only to ready pods. */
  declare public readonly ready: pulumi.Output<boolean>;
  declare public readonly containerStatuses: pulumi.Output<ContainerStatus[]>;
  declare public readonly restartPolicy: pulumi.Output<RestartPolicy>;
  /** On a cluster network: the node the pod runs on (pinned, or chosen by the scheduler). */
  declare public readonly nodeName: pulumi.Output<string | undefined>;
  /** On a cluster network: the pod's node, its engine and pod CIDR. */
  declare public readonly node: pulumi.Output<NodeBlock | undefined>;

  constructor(name: string, args: PodArgs, opts?: pulumi.CustomResourceOptions) {
    if (!args?.network) throw new pulumi.RunError(`Pod "${name}": network is required (pass a PodNetwork)`);
    claimName("Pod", args.network, args.namespace, args.name ?? name, name);
    const sources = podConfigSources(args);
    super(
      "Pod",
      name,
      {
        network: args.network.networkName,
        name: args.name ?? name,
        namespace: args.namespace,
        labels: args.labels,
        annotations: args.annotations,
        imagePullPolicy: args.imagePullPolicy,
        terminationGracePeriodSeconds: args.terminationGracePeriodSeconds,
        restartPolicy: args.restartPolicy,
        hostname: args.hostname,
        subdomain: args.subdomain,
        dnsConfig: args.dnsConfig,
        readyTimeoutSeconds: args.readyTimeoutSeconds,
        volumes: args.volumes,
        initContainers: args.initContainers,
        containers: args.containers,
        nodeName: args.nodeName,
        configMaps: sources.configMaps,
        secrets: sources.secrets,
        clusterLayout: args.network.clusterLayout,
        nodePreference: args.network.clusterNodeNames && nodePreferenceFor(args.network, name),
        startupFirewall: startupFirewallOf(args.network, name, {
          namespace: args.namespace,
          name: args.name ?? name,
          labels: args.labels,
          containers: args.containers,
        }),
        node: undefined,
        podIP: undefined,
        podName: undefined,
        infraContainerId: undefined,
        containerIds: undefined,
        status: undefined,
        ready: undefined,
        containerStatuses: undefined,
      },
      { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), "secrets"] },
    );
    registerPod(args.network, {
      resourceName: name,
      resource: this,
      outputs: this,
      placement: { nodeName: args.nodeName, containers: args.containers },
      dnsNames: { hostname: args.hostname, subdomain: args.subdomain },
    });
  }
}
