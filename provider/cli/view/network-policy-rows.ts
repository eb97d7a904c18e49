// A NetworkPolicy's kubectl columns (POD-SELECTOR, AGE; -o wide adds none, as in kubectl), and the warning
// for a policy whose current revision the node agent could not put in force. Pure.
import { formatSelector } from "../../../core/selector-text";
import { asLabelSelector } from "../../../core/selector";
import { ageOf } from "./age";
import type { NetworkPolicyView } from "../read/model";

export const NETWORK_POLICY_HEADERS = ["NAME", "POD-SELECTOR", "AGE"];

export function networkPolicyRow(p: NetworkPolicyView, now: number): string[] {
  return [p.name, formatSelector(asLabelSelector(p.podSelector)), ageOf(p.created, now)];
}

/** For stderr: kubectl shows no status for a policy, so a failure to enforce it is said beside the table. */
export function networkPolicyWarning(p: NetworkPolicyView): string | undefined {
  return p.error
    ? `Warning: NetworkPolicy ${p.namespace}/${p.name} on network "${p.network}" is not in force in every pod: ${p.error}`
    : undefined;
}
