// Input shapes: the same fields as ./output.ts, each Input-wrapped, optional where Kubernetes defaults them.
import type * as pulumi from "@pulumi/pulumi";
import type { HostPathType, Protocol, PullPolicy, SelectorOperator } from "../../core/types";

export interface ContainerPortArgs {
  containerPort: pulumi.Input<number>;
  name?: pulumi.Input<string>;
  hostPort?: pulumi.Input<number>;
  hostIP?: pulumi.Input<string>;
  /** Default "TCP". */
  protocol?: pulumi.Input<Protocol>;
}

export interface ResourceListArgs {
  cpu?: pulumi.Input<string>;
  memory?: pulumi.Input<string>;
}

export interface ResourceRequirementsArgs {
  limits?: pulumi.Input<ResourceListArgs>;
  requests?: pulumi.Input<ResourceListArgs>;
}

export interface ExecActionArgs {
  command: pulumi.Input<pulumi.Input<string>[]>;
}

export interface HTTPGetActionArgs {
  path?: pulumi.Input<string>;
  port: pulumi.Input<number | string>;
  scheme?: pulumi.Input<"HTTP" | "HTTPS">;
}

export interface TCPSocketActionArgs {
  port: pulumi.Input<number | string>;
}

export interface ProbeArgs {
  exec?: pulumi.Input<ExecActionArgs>;
  httpGet?: pulumi.Input<HTTPGetActionArgs>;
  tcpSocket?: pulumi.Input<TCPSocketActionArgs>;
  initialDelaySeconds?: pulumi.Input<number>;
  periodSeconds?: pulumi.Input<number>;
  timeoutSeconds?: pulumi.Input<number>;
  failureThreshold?: pulumi.Input<number>;
  successThreshold?: pulumi.Input<number>;
}

export interface VolumeMountArgs {
  name: pulumi.Input<string>;
  mountPath: pulumi.Input<string>;
  readOnly?: pulumi.Input<boolean>;
}

/** Exactly one source. */
export interface VolumeArgs {
  name: pulumi.Input<string>;
  emptyDir?: pulumi.Input<{ medium?: pulumi.Input<"" | "Memory">; sizeLimit?: pulumi.Input<string> }>;
  hostPath?: pulumi.Input<{ path: pulumi.Input<string>; type?: pulumi.Input<HostPathType> }>;
  /** The ConfigMap's keys as files, mounted read-only. */
  configMap?: pulumi.Input<ConfigMapVolumeSourceArgs>;
  /** The Secret's keys as files, mounted read-only. */
  secret?: pulumi.Input<SecretVolumeSourceArgs>;
}

export interface KeyToPathArgs {
  key: pulumi.Input<string>;
  /** Relative to the mount, without '..'. */
  path: pulumi.Input<string>;
  /** File mode, default the volume's defaultMode. */
  mode?: pulumi.Input<number>;
}

export interface ConfigMapVolumeSourceArgs {
  /** A ConfigMap of the pod's namespace, declared in the program. */
  name: pulumi.Input<string>;
  /** Only these keys, at these paths; default every key under its own name. */
  items?: pulumi.Input<pulumi.Input<KeyToPathArgs>[]>;
  /** Default 0o644 (420). */
  defaultMode?: pulumi.Input<number>;
  /** With true, a ConfigMap (or item key) that is missing leaves the volume empty instead of failing. */
  optional?: pulumi.Input<boolean>;
}

export interface SecretVolumeSourceArgs {
  /** A Secret of the pod's namespace, declared in the program. */
  secretName: pulumi.Input<string>;
  items?: pulumi.Input<pulumi.Input<KeyToPathArgs>[]>;
  /** Default 0o644 (420). */
  defaultMode?: pulumi.Input<number>;
  optional?: pulumi.Input<boolean>;
}

export interface PodDNSConfigArgs {
  nameservers?: pulumi.Input<pulumi.Input<string>[]>;
  searches?: pulumi.Input<pulumi.Input<string>[]>;
  options?: pulumi.Input<pulumi.Input<{ name: pulumi.Input<string>; value?: pulumi.Input<string> }>[]>;
}

/** One variable of Kubernetes' list form of env. */
export interface EnvVarArgs {
  name: pulumi.Input<string>;
  /** Default "". May be a Pulumi secret. */
  value?: pulumi.Input<string>;
  /** Instead of value: a ConfigMap or Secret key, or a field of the pod. */
  valueFrom?: pulumi.Input<EnvVarSourceArgs>;
}

/** A ConfigMap or Secret of the pod's namespace, by name, and one of its keys. */
export interface KeySelectorArgs {
  name: pulumi.Input<string>;
  key: pulumi.Input<string>;
  /** With true, a missing ConfigMap, Secret or key leaves the variable out instead of failing. */
  optional?: pulumi.Input<boolean>;
}

/** Exactly one source. */
export interface EnvVarSourceArgs {
  configMapKeyRef?: pulumi.Input<KeySelectorArgs>;
  secretKeyRef?: pulumi.Input<KeySelectorArgs>;
  fieldRef?: pulumi.Input<{
    fieldPath: pulumi.Input<"metadata.name" | "metadata.namespace" | "status.podIP">;
    apiVersion?: pulumi.Input<string>;
  }>;
}

export interface SourceRefArgs {
  name: pulumi.Input<string>;
  /** With true, a missing ConfigMap or Secret adds nothing instead of failing. */
  optional?: pulumi.Input<boolean>;
}

/** Every key of one ConfigMap or Secret as a variable; exactly one of configMapRef and secretRef. */
export interface EnvFromSourceArgs {
  /** Put before every key. */
  prefix?: pulumi.Input<string>;
  configMapRef?: pulumi.Input<SourceRefArgs>;
  secretRef?: pulumi.Input<SourceRefArgs>;
}

export interface ContainerArgs {
  name: pulumi.Input<string>;
  image: pulumi.Input<string>;
  command?: pulumi.Input<pulumi.Input<string>[]>;
  args?: pulumi.Input<pulumi.Input<string>[]>;
  workingDir?: pulumi.Input<string>;
  /**
   * A map of name to value, or Kubernetes' list of `{ name, value }`; in the list a repeated name takes
   * its last value, as in Kubernetes. Values may be Pulumi secrets in either form.
   */
  env?: pulumi.Input<Record<string, pulumi.Input<string>> | pulumi.Input<EnvVarArgs>[]>;
  /** Every key of a ConfigMap or Secret as a variable; env wins over it for the same name. */
  envFrom?: pulumi.Input<pulumi.Input<EnvFromSourceArgs>[]>;
  ports?: pulumi.Input<pulumi.Input<ContainerPortArgs>[]>;
  resources?: pulumi.Input<ResourceRequirementsArgs>;
  imagePullPolicy?: pulumi.Input<PullPolicy>;
  volumeMounts?: pulumi.Input<pulumi.Input<VolumeMountArgs>[]>;
  livenessProbe?: pulumi.Input<ProbeArgs>;
  readinessProbe?: pulumi.Input<ProbeArgs>;
  startupProbe?: pulumi.Input<ProbeArgs>;
  /** Kubernetes' capabilities.add and drop (names without CAP_). NET_RAW is dropped unless added here. */
  securityContext?: pulumi.Input<SecurityContextArgs>;
}

export interface SecurityContextArgs {
  capabilities?: pulumi.Input<{
    add?: pulumi.Input<pulumi.Input<string>[]>;
    drop?: pulumi.Input<pulumi.Input<string>[]>;
  }>;
}

export interface IPBlockArgs {
  cidr: pulumi.Input<string>;
  except?: pulumi.Input<pulumi.Input<string>[]>;
}

export interface LabelSelectorRequirementArgs {
  key: pulumi.Input<string>;
  operator: pulumi.Input<SelectorOperator>;
  /** Non-empty for In and NotIn; none for Exists and DoesNotExist. */
  values?: pulumi.Input<pulumi.Input<string>[]>;
}

export interface LabelSelectorArgs {
  matchLabels?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  matchExpressions?: pulumi.Input<pulumi.Input<LabelSelectorRequirementArgs>[]>;
}

/** A LabelSelector, or a plain label map as shorthand for its matchLabels; `{}` selects everything. */
export type SelectorArgs = LabelSelectorArgs | Record<string, pulumi.Input<string>>;

export interface NetworkPolicyPeerArgs {
  podSelector?: pulumi.Input<SelectorArgs>;
  namespaceSelector?: pulumi.Input<SelectorArgs>;
  ipBlock?: pulumi.Input<IPBlockArgs>;
}

export interface NetworkPolicyPortArgs {
  /** A number or a container port name; absent: every port. */
  port?: pulumi.Input<number | string>;
  endPort?: pulumi.Input<number>;
  /** Default "TCP". */
  protocol?: pulumi.Input<Protocol>;
}

export interface NetworkPolicyIngressRuleArgs {
  from?: pulumi.Input<pulumi.Input<NetworkPolicyPeerArgs>[]>;
  ports?: pulumi.Input<pulumi.Input<NetworkPolicyPortArgs>[]>;
}

export interface NetworkPolicyEgressRuleArgs {
  to?: pulumi.Input<pulumi.Input<NetworkPolicyPeerArgs>[]>;
  ports?: pulumi.Input<pulumi.Input<NetworkPolicyPortArgs>[]>;
}
