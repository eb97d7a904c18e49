// Who owns a Docker object: the stack (organization/project/stack) and the resource (a hash of its URN).
// The SDK computes it for each resource and passes it as an input, since a dynamic provider never sees
// the URN; the provider writes it onto every Docker object it makes and removes only what carries it.
import { createHash } from "crypto";

export interface Owner {
  /** "organization/project/stack". */
  stack: string;
  /** The first 16 hex digits of the SHA-256 of the resource's URN. */
  resource: string;
}

/** The parts a Pulumi URN is made of. */
export interface UrnParts {
  project: string;
  stack: string;
  /** The full Pulumi type, e.g. "pulumi-nodejs:dynamic/podling:Pod". */
  type: string;
  name: string;
  /** The parent's URN, when the resource has a parent other than the stack. */
  parentUrn?: string;
}

const STACK_TYPE = "pulumi:pulumi:Stack";

/** The URN Pulumi gives such a resource: a parent's type chain prefixes the type, the stack's does not. */
export function urnOf(parts: UrnParts): string {
  const root = `urn:pulumi:${parts.stack}::${parts.project}::`;
  if (!parts.parentUrn) return `${root}${parts.type}::${parts.name}`;
  const parentType = parts.parentUrn.slice(0, parts.parentUrn.lastIndexOf("::"));
  const prefix = parentType.endsWith(`::${STACK_TYPE}`) ? root : `${parentType}$`;
  return `${prefix}${parts.type}::${parts.name}`;
}

export function ownerOf(organization: string, parts: UrnParts): Owner {
  return { stack: `${organization}/${parts.project}/${parts.stack}`, resource: urnHash(urnOf(parts)) };
}

export function urnHash(urn: string): string {
  return createHash("sha256").update(urn).digest("hex").slice(0, 16);
}

export function sameOwner(a: Owner | undefined, b: Owner | undefined): boolean {
  return !!a && !!b && a.stack === b.stack && a.resource === b.resource;
}

/** Why a value is not an owner, or undefined when it is one. */
export function ownerProblem(value: unknown): string | undefined {
  const v = value as Partial<Owner> | undefined;
  if (
    typeof v !== "object" ||
    v === null ||
    typeof v.stack !== "string" ||
    v.stack.split("/").length !== 3 ||
    typeof v.resource !== "string" ||
    !/^[0-9a-f]{16}$/.test(v.resource)
  ) {
    return "must be { stack: \"organization/project/stack\", resource: <16 hex digits> }; Podling's SDK computes it from the stack and the resource's URN";
  }
  return undefined;
}

/** Who else holds an object, said from the point of view of `ours` (which may be unknown). */
export function describeOtherOwner(theirs: Owner, ours: Owner | undefined): string {
  return ours && theirs.stack === ours.stack
    ? `another resource of this stack (${theirs.stack}, URN hash ${theirs.resource})`
    : `stack ${theirs.stack}`;
}
