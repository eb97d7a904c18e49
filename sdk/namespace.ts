import * as pulumi from "@pulumi/pulumi";
import { registerNamespace } from "./pod-registry";
import { PodlingResource } from "./podling-resource";

export interface NamespaceArgs {
  /** Default: the resource name. */
  name?: pulumi.Input<string>;
  labels?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * Labels for a namespace, for NetworkPolicy namespaceSelectors. Optional: a namespace exists as soon as a
 * pod uses it, and every namespace carries kubernetes.io/metadata.name=<name>. Holds no Docker object.
 */
export class Namespace extends PodlingResource {
  declare public readonly name: pulumi.Output<string>;
  /** The declared labels plus kubernetes.io/metadata.name. */
  declare public readonly labels: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: NamespaceArgs = {}, opts?: pulumi.CustomResourceOptions) {
    super("Namespace", name, { name: args.name ?? name, labels: args.labels }, opts);
    registerNamespace(pulumi.all([this.name, this.labels]));
  }
}
