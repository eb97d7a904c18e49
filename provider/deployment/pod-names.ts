// Pod names as Kubernetes gives them to a Deployment's pods: <deployment>-<pod-template-hash>-<suffix>,
// in the alphabet of apimachinery's rand.SafeEncodeString (no vowels, no look-alike digits).
import { createHash, randomInt } from "crypto";
import type { PodTemplate } from "../../core/types";

const ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
const HASH_LENGTH = 10;
const SUFFIX_LENGTH = 5;
/** What the pod name adds to the Deployment's: two dashes, the hash and the suffix. */
export const POD_NAME_TAIL = 2 + HASH_LENGTH + SUFFIX_LENGTH;

/** The pod-template-hash: stable for a template whatever order its keys come in. */
export function templateHash(template: PodTemplate): string {
  const digest = createHash("sha256").update(canonical(template)).digest();
  return Array.from(digest.subarray(0, HASH_LENGTH), (b) => ALPHABET[b % ALPHABET.length]).join("");
}

export function podName(deployment: string, hash: string): string {
  const suffix = Array.from({ length: SUFFIX_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  return `${deployment}-${hash}-${suffix}`;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object")
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(value);
}
