import * as pulumi from "@pulumi/pulumi";
import type { PodNetwork } from "./pod-network";
import { policiesSelecting } from "../core/policy-reach";
import { declarationsOn, registerDeployment } from "./pod-registry";
import { PodlingResource } from "./podling-resource";
import { podConfigSources } from "./config-sources";
import type { ContainerArgs, PodDNSConfigArgs, SelectorArgs, VolumeArgs } from "./types/input";
import type { Container, DeploymentPod, PullPolicy } from "../core/types";

/** The pod spec of a Deployment's template: a Pod's spec, without what the Deployment decides itself. */
export interface PodTemplateSpecArgs {
  imagePullPolicy?: pulumi.Input<PullPolicy>;
  terminationGracePeriodSeconds?: pulumi.Input<number>;
  /** Only "Always", as in Kubernetes. */
  restartPolicy?: pulumi.Input<"Always">;
  dnsConfig?: pulumi.Input<PodDNSConfigArgs>;
  volumes?: pulumi.Input<pulumi.Input<VolumeArgs>[]>;
  initContainers?: pulumi.Input<pulumi.Input<ContainerArgs>[]>;
  containers: pulumi.Input<pulumi.Input<ContainerArgs>[]>;
}

export interface PodTemplateArgs {
  metadata: pulumi.Input<{
    labels: pulumi.Input<Record<string, pulumi.Input<string>>>;
    annotations?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  }>;
  spec: pulumi.Input<PodTemplateSpecArgs>;
}

/** A pod count, or a percentage of replicas such as "25%". */
export type IntOrPercentArgs = number | string;

export interface DeploymentStrategyArgs {
  /** "RollingUpdate" (default) or "Recreate". */
  type?: pulumi.Input<"RollingUpdate" | "Recreate">;
  /** Default 25%/25%; maxSurge rounds up, maxUnavailable down, as in Kubernetes. */
  rollingUpdate?: pulumi.Input<{
    maxSurge?: pulumi.Input<IntOrPercentArgs>;
    maxUnavailable?: pulumi.Input<IntOrPercentArgs>;
  }>;
}

export interface DeploymentArgs {
  /**
   * The PodNetwork its pods get their addresses from. On a Cluster network the pods are spread over the
   * nodes; a NetworkPolicy may not select them there (policies are enforced for Pods alone on a Cluster).
   */
  network: PodNetwork;
  /** Default: the resource name. At most 46 characters: pod names add 17. */
  name?: pulumi.Input<string>;
  /** Default "default". */
  namespace?: pulumi.Input<string>;
  /** Default 1. */
  replicas?: pulumi.Input<number>;
  /** Must match the template's labels. Changing it replaces the Deployment (it is immutable in Kubernetes). */
  selector: pulumi.Input<SelectorArgs>;
  template: pulumi.Input<PodTemplateArgs>;
  strategy?: pulumi.Input<DeploymentStrategyArgs>;
  /** Seconds a new pod must stay ready before it counts as available. Default 0. */
  minReadySeconds?: pulumi.Input<number>;
  /** Seconds a rollout may go without progress before `up` fails it. Default 600. */
  progressDeadlineSeconds?: pulumi.Input<number>;
}

/**
 * A Deployment: `replicas` pods of one template, named `<deployment>-<pod-template-hash>-<suffix>`, that
 * services select by label like any other pods.
 *
 * A template change rolls out as in Kubernetes: new pods first (up to maxSurge more than replicas); an old
 * pod goes only as new ones become available (ready for minReadySeconds), never leaving fewer than
 * `replicas - maxUnavailable` available. `up` waits until the rollout is complete; one that makes no
 * progress for progressDeadlineSeconds (default 600) stops, keeps the old pods serving, and fails `up`
 * naming the first pod and container that is not ready. A change of `replicas` adds or removes pods and
 * leaves the others alone.
 *
 * @example
 * new podling.Deployment("web", {
 *   network: net,
 *   replicas: 3,
 *   selector: { matchLabels: { app: "web" } },
 *   template: {
 *     metadata: { labels: { app: "web" } },
 *     spec: { containers: [{ name: "server", image: "nginx:alpine", ports: [{ containerPort: 80 }] }] },
 *   },
 *   strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
 * });
 */
export class Deployment extends PodlingResource {
  declare public readonly network: pulumi.Output<string>;
  declare public readonly namespace: pulumi.Output<string>;
  declare public readonly replicas: pulumi.Output<number>;
  /** Pods that are ready now, as `up` or `refresh` last saw them. */
  declare public readonly readyReplicas: pulumi.Output<number>;
  /** Pods of the current template. */
  declare public readonly updatedReplicas: pulumi.Output<number>;
  /** The pod-template-hash of the current template. */
  declare public readonly templateHash: pulumi.Output<string>;
  /** Every pod: its name, address, readiness (and, internally, its containers). */
  declare public readonly pods: pulumi.Output<DeploymentPod[]>;

  constructor(name: string, args: DeploymentArgs, opts?: pulumi.CustomResourceOptions) {
    if (!args?.network) throw new pulumi.RunError(`Deployment "${name}": network is required (pass a PodNetwork)`);
    const namespace = args.namespace ?? "default";
    super(
      "Deployment",
      name,
      {
        network: args.network.networkName,
        name: args.name ?? name,
        namespace: args.namespace,
        replicas: args.replicas,
        selector: args.selector,
        template: withConfigSources(namespace, args.template),
        strategy: args.strategy,
        minReadySeconds: args.minReadySeconds,
        progressDeadlineSeconds: args.progressDeadlineSeconds,
        clusterLayout: args.network.clusterLayout,
        selectingPolicies: selectingPoliciesOf(args.network, name, namespace, args.template),
        readyReplicas: undefined,
        updatedReplicas: undefined,
        templateHash: undefined,
        pods: undefined,
      },
      opts,
    );
    const template = pulumi.output(args.template);
    registerDeployment(args.network, {
      namespace: this.namespace,
      labels: template.apply((t) => (t?.metadata?.labels ?? {}) as Record<string, string>),
      containers: template.apply((t) => ((t?.spec as { containers?: Container[] })?.containers ?? []) as Container[]),
      pods: this.pods,
    });
  }
}

/**
 * The template with the values of the ConfigMaps and Secrets its pods name, as a Pod gets them: so Pulumi
 * orders the Deployment after them, and a change to one changes the template's hash and rolls the pods
 * out, as a Pod consuming it is replaced. A template that names a Secret is stored as a secret whole.
 */
function withConfigSources(
  namespace: pulumi.Input<string>,
  template: DeploymentArgs["template"],
): pulumi.Output<PodTemplateArgs> {
  const spec = (pulumi.Output.isInstance(template) ? {} : ((template as PodTemplateArgs).spec ?? {})) as Record<
    string,
    unknown
  >;
  const sources = podConfigSources({
    namespace,
    containers: spec.containers,
    initContainers: spec.initContainers,
    volumes: spec.volumes,
  });
  return pulumi.all([pulumi.output(template), sources.configMaps, sources.secrets]).apply(([t, configMaps, secrets]) =>
    configMaps || secrets
      ? ({
          ...t,
          spec: { ...t.spec, ...(configMaps ? { configMaps } : {}), ...(secrets ? { secrets } : {}) },
        } as PodTemplateArgs)
      : (t as PodTemplateArgs),
  );
}

/**
 * The network's policies that select the Deployment's pods, as podSelector or as a peer. The node agent
 * renders their firewalls; this input only orders the Deployment after every policy of the network, so
 * that its pods are isolated from their first packet when both come in one up.
 */
function selectingPoliciesOf(
  network: PodNetwork,
  resourceName: string,
  namespace: pulumi.Input<string>,
  template: DeploymentArgs["template"],
): pulumi.Output<string[]> {
  const declarations = declarationsOn(network, `Deployment "${resourceName}"`);
  return pulumi.output(
    declarations.then((d) =>
      pulumi
        .all([pulumi.all(d.policies), pulumi.all(d.namespaces), namespace, pulumi.output(template)])
        .apply(([policies, namespaces, ns, t]) =>
          policiesSelecting(
            { namespace: ns, labels: t?.metadata?.labels ?? {} },
            policies,
            Object.fromEntries(namespaces),
          ),
        ),
    ),
  );
}
