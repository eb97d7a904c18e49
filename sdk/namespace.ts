import * as pulumi from "@pulumi/pulumi";
import { registerNamespace } from "./pod-registry";
import { providerFor } from "./provider-stub";

export interface NamespaceArgs {
  /** Default: the resource name. */
  name?: pulumi.Input<string>;
  labels?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * Labels for a namespace, for NetworkPolicy namespaceSelectors. Optional: a namespace exists as soon as a
 * pod uses it, and every namespace carries kubernetes.io/metadata.name=<name>. Holds no Docker object.
 */
export class Namespace extends pulumi.dynamic.Resource {
  declare public readonly name: pulumi.Output<string>;
  /** The declared labels plus kubernetes.io/metadata.name. */
  declare public readonly labels: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: NamespaceArgs = {}, opts?: pulumi.CustomResourceOptions) {
    super(providerFor("podling:Namespace"), name, { name: args.name ?? name, labels: args.labels }, opts, "podling", "Namespace");
    registerNamespace(this);
  }
}
