// The owner input of a resource (core/owner.ts): its stack, and a hash of its URN. The URN is an output,
// so it is computed here from the parts it is made of, which are all known at preview.
import * as pulumi from "@pulumi/pulumi";
import { pulumiTypeOf, ResourceType } from "../core/kinds";
import { Owner, ownerOf } from "../core/owner";

/** Pulumi's own organization name for backends without organizations (the local file backend). */
const DEFAULT_ORGANIZATION = "organization";

export function ownerInput(
  type: ResourceType,
  name: string,
  opts: pulumi.CustomResourceOptions | undefined,
): pulumi.Output<Owner> {
  const parent = opts?.parent;
  // Through a plain promise: an output of the parent's URN would make the parent a dependency.
  const parentUrn = parent ? new Promise<string>((resolve) => parent.urn.apply(resolve)) : Promise.resolve(undefined);
  return pulumi.output(
    parentUrn.then((parentUrn) =>
      ownerOf(organization(), {
        project: pulumi.getProject(),
        stack: pulumi.getStack(),
        type: pulumiTypeOf(type),
        name,
        parentUrn,
      }),
    ),
  );
}

function organization(): string {
  try {
    return pulumi.getOrganization();
  } catch {
    return DEFAULT_ORGANIZATION;
  }
}
