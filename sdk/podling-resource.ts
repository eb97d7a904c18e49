// The base of every Podling resource: its kind names the provider stub and the Pulumi type at once, and
// decides whether the resource carries an owner input (sdk/owner.ts).
import * as pulumi from "@pulumi/pulumi";
import { MODULE, OWNING_TYPES, ResourceType } from "../core/kinds";
import { ownerInput } from "./owner";
import { providerFor } from "./provider-stub";

export abstract class PodlingResource extends pulumi.dynamic.Resource {
  constructor(type: ResourceType, name: string, props: pulumi.Inputs, opts?: pulumi.CustomResourceOptions) {
    const owned = OWNING_TYPES.includes(type) && !opts?.id; // a resource read with get() owns nothing
    super(
      providerFor(type),
      name,
      owned ? { ...props, owner: ownerInput(type, name, opts) } : props,
      opts,
      MODULE,
      type,
    );
  }
}
