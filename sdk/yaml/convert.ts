// A validated manifest as the arguments of the matching Podling resource (all but `network`, which the
// group supplies). The field table has already refused anything Podling does not read, so what is copied
// here is exactly what the table accepts, minus its no-effect fields. Pure, except that Secret values are
// wrapped as Pulumi secrets, so they never reach the state in plaintext.
import * as pulumi from "@pulumi/pulumi";
import type { NamespaceArgs } from "../namespace";
import type { NetworkPolicyArgs } from "../network-policy";
import type { PodArgs } from "../pod";
import type { ServiceArgs } from "../service";
import type { Kind } from "./fields";
import { isRecord, ValidManifest } from "./validate";

type Dict = Record<string, unknown>;
type WithoutNetwork<T> = Omit<T, "network">;

/** A pod spec as Podling's Pod takes it, without the pod's own metadata. */
export type PodSpecArgs = Omit<WithoutNetwork<PodArgs>, "name" | "namespace" | "labels" | "annotations">;

/** What podling.Deployment is to take (issue #15). */
export interface DeploymentManifestArgs {
  name: string;
  namespace: string;
  replicas?: number;
  selector: Dict;
  template: { metadata: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec: PodSpecArgs };
  strategy?: Dict;
  minReadySeconds?: number;
  progressDeadlineSeconds?: number;
}

/** What podling.ConfigMap is to take. */
export interface ConfigMapManifestArgs {
  name: string;
  namespace: string;
  data?: Record<string, string>;
  binaryData?: Record<string, string>;
}

/** What podling.Secret is to take; every value is a Pulumi secret. */
export interface SecretManifestArgs {
  name: string;
  namespace: string;
  /** Base64, as in Kubernetes. */
  data?: Record<string, pulumi.Output<string>>;
  stringData?: Record<string, pulumi.Output<string>>;
}

export interface ArgsOfKind {
  Namespace: NamespaceArgs;
  Pod: WithoutNetwork<PodArgs>;
  Deployment: DeploymentManifestArgs;
  Service: WithoutNetwork<ServiceArgs>;
  NetworkPolicy: WithoutNetwork<NetworkPolicyArgs>;
  ConfigMap: ConfigMapManifestArgs;
  Secret: SecretManifestArgs;
}

const converters: { [K in Kind]: (m: ValidManifest) => ArgsOfKind[K] } = {
  Namespace: (m) => compact({ name: m.name, labels: meta(m).labels }),
  Pod: (m) =>
    compact({
      name: m.name,
      namespace: m.namespace,
      labels: meta(m).labels,
      annotations: meta(m).annotations,
      ...podSpec(dict(m.object.spec)),
    }) as ArgsOfKind["Pod"],
  Deployment: (m) => {
    const spec = dict(m.object.spec);
    const template = dict(spec.template);
    const templateMeta: ObjectMeta = dict(template.metadata);
    return compact({
      name: m.name,
      namespace: m.namespace,
      replicas: spec.replicas as number | undefined,
      selector: dict(spec.selector),
      template: {
        metadata: compact({ labels: templateMeta.labels, annotations: templateMeta.annotations }),
        spec: podSpec(dict(template.spec)),
      },
      strategy: spec.strategy as Dict | undefined,
      minReadySeconds: spec.minReadySeconds as number | undefined,
      progressDeadlineSeconds: spec.progressDeadlineSeconds as number | undefined,
    });
  },
  Service: (m) => {
    const spec = dict(m.object.spec);
    const clientIP = dict(dict(spec.sessionAffinityConfig).clientIP);
    return compact({
      name: m.name,
      namespace: m.namespace,
      selector: dict(spec.selector) as Record<string, string>,
      ports: spec.ports as ServiceArgs["ports"],
      // The validator allows clusterIP None only with type ClusterIP: Podling's Headless type.
      type:
        spec.clusterIP === "None" ? "Headless" : (spec.type as "ClusterIP" | "NodePort" | "LoadBalancer" | undefined),
      loadBalancerIP: spec.loadBalancerIP as string | undefined,
      sessionAffinity: spec.sessionAffinity as ServiceArgs["sessionAffinity"],
      sessionAffinityTimeoutSeconds: clientIP.timeoutSeconds as number | undefined,
    });
  },
  NetworkPolicy: (m) => {
    const spec = dict(m.object.spec);
    return compact({
      name: m.name,
      namespace: m.namespace,
      podSelector: dict(spec.podSelector),
      policyTypes: spec.policyTypes as NetworkPolicyArgs["policyTypes"],
      ingress: spec.ingress as NetworkPolicyArgs["ingress"],
      egress: spec.egress as NetworkPolicyArgs["egress"],
    });
  },
  ConfigMap: (m) =>
    compact({
      name: m.name,
      namespace: m.namespace,
      data: m.object.data as Record<string, string> | undefined,
      binaryData: m.object.binaryData as Record<string, string> | undefined,
    }),
  Secret: (m) =>
    compact({
      name: m.name,
      namespace: m.namespace,
      data: secrets(m.object.data),
      stringData: secrets(m.object.stringData),
    }),
};

const METADATA = { name: "metadata.name", namespace: "metadata.namespace" };
const spec = (...keys: string[]) => Object.fromEntries(keys.map((k) => [k, `spec.${k}`]));
const POD_SPEC = spec("containers", "initContainers", "volumes", "restartPolicy", "terminationGracePeriodSeconds");

/** Each top-level argument a kind's converter writes -> the manifest field it comes from. */
export const FIELD_ORIGINS: { [K in Kind]: Record<string, string> } = {
  Namespace: { name: "metadata.name", labels: "metadata.labels" },
  Pod: {
    ...METADATA,
    labels: "metadata.labels",
    annotations: "metadata.annotations",
    ...POD_SPEC,
    ...spec("hostname", "subdomain", "dnsConfig", "nodeName"),
  },
  Deployment: {
    ...METADATA,
    ...spec("replicas", "selector", "template", "strategy", "minReadySeconds", "progressDeadlineSeconds"),
  },
  Service: {
    ...METADATA,
    ...spec("selector", "ports", "type", "sessionAffinity"),
    sessionAffinityTimeoutSeconds: "spec.sessionAffinityConfig.clientIP.timeoutSeconds",
  },
  NetworkPolicy: { ...METADATA, ...spec("podSelector", "policyTypes", "ingress", "egress") },
  ConfigMap: { ...METADATA, data: "data", binaryData: "binaryData" },
  Secret: { ...METADATA, data: "data", stringData: "stringData" },
};

export function convertManifest<K extends Kind>(m: ValidManifest & { kind: K }): ArgsOfKind[K] {
  return converters[m.kind](m);
}

/** The PodSpec fields Podling reads; dnsPolicy, nodeSelector and tolerations have no effect and stay out. */
function podSpec(spec: Dict): PodSpecArgs {
  return compact({
    containers: (spec.containers ?? []) as PodArgs["containers"],
    initContainers: spec.initContainers as PodArgs["initContainers"],
    volumes: spec.volumes as PodArgs["volumes"],
    restartPolicy: spec.restartPolicy as PodArgs["restartPolicy"],
    terminationGracePeriodSeconds: spec.terminationGracePeriodSeconds as number | undefined,
    hostname: spec.hostname as string | undefined,
    subdomain: spec.subdomain as string | undefined,
    dnsConfig: spec.dnsConfig as PodArgs["dnsConfig"],
    nodeName: spec.nodeName as string | undefined,
  });
}

interface ObjectMeta {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

function meta(m: ValidManifest): ObjectMeta {
  return dict(m.object.metadata);
}

function secrets(values: unknown): Record<string, pulumi.Output<string>> | undefined {
  if (!isRecord(values)) return undefined;
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, pulumi.secret(v as string)]));
}

const dict = (v: unknown): Dict => (isRecord(v) ? v : {});

/** Without the fields the manifest does not set, so each resource applies its own defaults. */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as T;
}
