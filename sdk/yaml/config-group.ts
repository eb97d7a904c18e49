// ConfigFile and ConfigGroup: Kubernetes YAML applied as Podling resources, children of one component.
// All the deciding is in the pure modules (documents, validate, convert, order); this file reads the
// files and instantiates. It runs while the program runs, so a bad manifest fails `pulumi preview`
// before anything is created.
import * as fs from "fs";
import * as pulumi from "@pulumi/pulumi";
import type { ConfigMap } from "../config-map";
import type { Deployment } from "../deployment";
import type { Namespace } from "../namespace";
import type { NetworkPolicy } from "../network-policy";
import type { Pod } from "../pod";
import type { PodNetwork } from "../pod-network";
import type { Secret } from "../secret";
import type { Service } from "../service";
import { MANIFEST_KEY, ManifestSource } from "../../core/manifest-source";
import { convertManifest, FIELD_ORIGINS } from "./convert";
import { DocumentProblem, ManifestDocument, objectDocument, parseDocuments } from "./documents";
import type { Kind } from "./fields";
import { dependsOnTier, inRegistrationOrder } from "./order";
import { describeDocument, formatProblem, objectName, validateManifests, ValidManifest } from "./validate";
import { FACTORIES, WIRING } from "./wiring";

/** What getResource returns per kind; the kinds still to be wired (./wiring.ts) are plain resources. */
export interface ResourceOfKind {
  Namespace: Namespace;
  Pod: Pod;
  Service: Service;
  NetworkPolicy: NetworkPolicy;
  Deployment: Deployment;
  ConfigMap: ConfigMap;
  Secret: Secret;
}

export interface ConfigGroupArgs {
  /** The PodNetwork every pod and service of the manifests joins. */
  network: PodNetwork;
  /** YAML files, relative to the program's directory. */
  files?: string[];
  /** YAML text, one or more documents per string. */
  yaml?: string | string[];
  /** Objects already parsed. */
  objs?: object[];
  /** Prefix of the child resources' names, `<prefix>:<namespace>/<name>`. Default: the group's name. */
  resourcePrefix?: string;
}

export interface ConfigFileArgs {
  network: PodNetwork;
  /** A YAML file, relative to the program's directory. */
  file: string;
  /** Default: the ConfigFile's name. */
  resourcePrefix?: string;
}

/** What ConfigGroup and ConfigFile share: read, validate and declare the manifests, then look children up. */
abstract class ManifestGroup extends pulumi.ComponentResource {
  /** Every child resource, in registration order. */
  declare public readonly resources: pulumi.Output<pulumi.Resource[]>;
  private readonly byKey: Map<string, pulumi.Resource>;

  protected constructor(
    type: "ConfigGroup" | "ConfigFile",
    name: string,
    args: ConfigGroupArgs,
    opts: pulumi.ComponentResourceOptions | undefined,
  ) {
    const manifests = readAll(`${type} "${name}"`, args);
    super(`podling:yaml:${type}`, name, {}, opts);
    this.byKey = declareAll(this, manifests, args.network, args.resourcePrefix ?? name);
    this.resources = pulumi.output([...this.byKey.values()]);
    this.registerOutputs({ resources: this.resources });
  }

  /** A child by kind, namespace and name (`getResource("Service", "default", "web")`), or a Namespace by name. */
  getResource(kind: "Namespace", name: string): Namespace;
  getResource<K extends Exclude<Kind, "Namespace">>(kind: K, namespace: string, name: string): ResourceOfKind[K];
  getResource(kind: Kind, namespaceOrName: string, name?: string): pulumi.Resource {
    const key = keyOf(kind, name === undefined ? namespaceOrName : `${namespaceOrName}/${name}`);
    const resource = this.byKey.get(key);
    if (!resource) throw new Error(`no ${key} in these manifests (they hold: ${[...this.byKey.keys()].join(", ")})`);
    return resource;
  }
}

/**
 * Kubernetes objects from YAML, as Podling resources, children of this component: Namespace, Pod, Service
 * (ClusterIP, NodePort, `clusterIP: None`) and NetworkPolicy. Each keeps its manifest's name and namespace.
 * Any other kind, any field Podling would ignore, and one object declared twice fail `pulumi preview`,
 * naming the file, document, line, object and field. The inputs are plain values, read when the program
 * runs, since the pods must be declared with the program's top-level code.
 *
 * @example
 * const app = new podling.yaml.ConfigGroup("app", { files: ["k8s/app.yaml"], network: net });
 * export const web = app.getResource("Service", "default", "web").clusterIP;
 */
export class ConfigGroup extends ManifestGroup {
  constructor(name: string, args: ConfigGroupArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ConfigGroup", name, args, opts);
  }
}

/** One Kubernetes YAML file as Podling resources; see ConfigGroup. */
export class ConfigFile extends ManifestGroup {
  constructor(name: string, args: ConfigFileArgs, opts?: pulumi.ComponentResourceOptions) {
    super(
      "ConfigFile",
      name,
      { network: args?.network, files: [args?.file], resourcePrefix: args?.resourcePrefix },
      opts,
    );
  }
}

/** Every document of the group, validated; one error listing every problem otherwise. */
function readAll(owner: string, args: ConfigGroupArgs): ValidManifest[] {
  if (!args?.network) throw new pulumi.RunError(`${owner}: network is required (pass a PodNetwork)`);
  const documents: ManifestDocument[] = [];
  const parseProblems: DocumentProblem[] = [];
  const addText = (text: string, source: string) => {
    const parsed = parseDocuments(text, source);
    documents.push(...parsed.documents);
    parseProblems.push(...parsed.problems);
  };
  for (const file of args.files ?? []) {
    if (typeof file !== "string" || file === "")
      throw new pulumi.RunError(`${owner}: each file must be a path to a YAML file`);
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch (err) {
      throw new pulumi.RunError(`${owner}: cannot read ${file}: ${(err as Error).message}`);
    }
    addText(text, file);
  }
  const texts = args.yaml === undefined ? [] : Array.isArray(args.yaml) ? args.yaml : [args.yaml];
  texts.forEach((text, i) => addText(text, `yaml[${i}]`));
  (args.objs ?? []).forEach((obj, i) => documents.push(objectDocument(obj, `objs[${i}]`, 0)));
  const { manifests, problems } = validateManifests(documents, WIRING);
  const messages = [
    ...parseProblems.map((p) => `${describeDocument(p.document, p.line)}: ${p.message}`),
    ...problems.map(formatProblem),
  ];
  if (messages.length > 0)
    throw new pulumi.RunError(`${owner}: its manifests cannot be applied:\n  ${messages.join("\n  ")}`);
  return manifests;
}

function declareAll(
  parent: pulumi.ComponentResource,
  manifests: ValidManifest[],
  network: PodNetwork,
  prefix: string,
): Map<string, pulumi.Resource> {
  const byKey = new Map<string, pulumi.Resource>();
  const declared: Array<{ kind: Kind; resource: pulumi.Resource }> = [];
  for (const m of inRegistrationOrder(manifests)) {
    const factory = FACTORIES[m.kind] as (...a: unknown[]) => pulumi.Resource;
    const dependsOn = declared.filter((d) => dependsOnTier(m.kind, d.kind)).map((d) => d.resource);
    const name = `${prefix}:${objectName(m)}`;
    const transformations = [sourceOf(name, m)];
    const resource = factory(name, convertManifest(m), network, { parent, dependsOn, transformations });
    declared.push({ kind: m.kind, resource });
    byKey.set(keyOf(m.kind, objectName(m)), resource);
  }
  return byKey;
}

/**
 * Adds the manifest's source to the resource's inputs (core/manifest-source.ts), so the provider's check
 * names the document, object and manifest field. Only the resource itself: a pod's firewall has other fields.
 */
function sourceOf(name: string, m: ValidManifest): pulumi.ResourceTransformation {
  const source: ManifestSource = {
    document: describeDocument(m.document),
    object: `${m.kind} ${objectName(m)}`,
    fields: FIELD_ORIGINS[m.kind],
  };
  return (args) =>
    args.name === name ? { props: { ...args.props, [MANIFEST_KEY]: source }, opts: args.opts } : undefined;
}

const keyOf = (kind: Kind, object: string) => `${kind} ${object}`;
