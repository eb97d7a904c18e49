// The base of every Podling resource: its kind names the provider stub and the Pulumi type at once.
import * as pulumi from "@pulumi/pulumi";
import { MODULE, ResourceType } from "../core/kinds";
import { providerFor } from "./provider-stub";

export abstract class PodlingResource extends pulumi.dynamic.Resource {
  constructor(type: ResourceType, name: string, props: pulumi.Inputs, opts?: pulumi.CustomResourceOptions) {
    super(providerFor(type), name, props, opts, MODULE, type);
  }
}
