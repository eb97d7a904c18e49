// What changes on a live pod firewall; anything not listed forces replacement.
import type { FieldRule } from "../diff/field-table";

export const POD_FIREWALL_INPUTS = ["network", "namespace", "pod", "sandboxId", "rules", "node"] as const;

export const POD_FIREWALL_RULES: FieldRule[] = [
  { field: "rules", action: "update", why: "iptables-restore replaces the rules in the running pod" },
  { field: "sandboxId", action: "update", why: "a replaced pod gets its rules applied to its new sandbox" },
  { field: "node", action: "update", why: "a replaced pod may run on another node; its rules follow its sandbox" },
];
