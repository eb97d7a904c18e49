// The policy worlds and cases shared with the node agent's Go renderer (tools/agent/policy/cases_test.go):
// both render every case against the same golden file, so both provably write the same text.
import * as fs from "fs";
import * as path from "path";
import type { PolicyWorld } from "../../core/policy";

export interface PolicyCase {
  what: string;
  /** A key of POLICY_WORLDS. */
  world: string;
  /** firewall: firewallFor the pod; startup: startupFirewallFor it; service-filter: serviceFilterFor endpoints. */
  render: "firewall" | "startup" | "service-filter";
  /** "namespace/name" of a pod of the world, for firewall and startup. */
  pod?: string;
  /** "namespace/name" of the service's endpoints, for service-filter. */
  endpoints?: string[];
  golden: string;
}

const file = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "golden", "policy-cases.json"), "utf8")) as {
  worlds: Record<string, PolicyWorld>;
  cases: PolicyCase[];
};

export const POLICY_WORLDS = file.worlds;
export const POLICY_CASES = file.cases;
