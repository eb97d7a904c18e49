// ConfigMaps and Secrets as stored, and what a pod receives of the ones it names.

/** A ConfigMap's declared state. Holds no Docker object: pods that name it receive its values. */
export interface ConfigMapSpec {
  namespace: string;
  name: string;
  /** UTF-8 values. */
  data?: Record<string, string>;
  /** Values as base64, for bytes that are not UTF-8. */
  binaryData?: Record<string, string>;
}

/** A Secret's declared state, a Pulumi secret in the state. stringData wins over data for the same key. */
export interface SecretSpec {
  namespace: string;
  name: string;
  /** Only "Opaque". */
  type: "Opaque";
  /** Values as base64, as in Kubernetes. */
  data?: Record<string, string>;
  /** Values as text. */
  stringData?: Record<string, string>;
}

/** The keys of one ConfigMap or Secret a pod names, as the SDK hands them to the pod. */
export interface ConfigValues {
  data?: Record<string, string>;
  binaryData?: Record<string, string>;
}

/** "namespace/name" -> values, for the ConfigMaps (or the Secrets) a pod names that the program declares. */
export type ConfigSources = Record<string, ConfigValues>;

export interface KeySelector {
  /** The ConfigMap's (or Secret's) name, in the pod's namespace. */
  name: string;
  key: string;
  /** Default false: the source or key missing fails the pod; with true the variable is left out. */
  optional?: boolean;
}

export interface ObjectFieldSelector {
  /** metadata.name, metadata.namespace or status.podIP. */
  fieldPath: "metadata.name" | "metadata.namespace" | "status.podIP";
  apiVersion?: string;
}

/** Exactly one source. */
export interface EnvVarSource {
  configMapKeyRef?: KeySelector;
  secretKeyRef?: KeySelector;
  fieldRef?: ObjectFieldSelector;
}

export interface SourceRef {
  name: string;
  /** Default false: the source missing fails the pod; with true it adds nothing. */
  optional?: boolean;
}

/** Every key of one ConfigMap or Secret as a variable, under an optional prefix; exactly one of the refs. */
export interface EnvFromSource {
  prefix?: string;
  configMapRef?: SourceRef;
  secretRef?: SourceRef;
}

/** One key as one file, at a relative path in the volume. */
export interface KeyToPath {
  key: string;
  path: string;
  /** File mode, 0 to 0o777; default the volume's defaultMode. */
  mode?: number;
}

interface ProjectedVolumeSource {
  /** Without items every key becomes a file of its own name; with items only those keys, at their paths. */
  items?: KeyToPath[];
  /** Default 0o644 (420), as in Kubernetes. */
  defaultMode?: number;
  /** Default false: the source missing fails the pod; with true the volume is empty. */
  optional?: boolean;
}

export interface ConfigMapVolumeSource extends ProjectedVolumeSource {
  name: string;
}

export interface SecretVolumeSource extends ProjectedVolumeSource {
  secretName: string;
}
