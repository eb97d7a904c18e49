// NetworkPolicy holds declarations only: Docker sees a policy through the PodFirewall of each pod, which
// the SDK computes from every policy of the network.
import { declarationHandlers } from "../handler";
import { checkNetworkPolicy } from "./check";
import { NETWORK_POLICY_INPUTS, NETWORK_POLICY_RULES } from "./diff-table";

export const networkPolicyHandlers = declarationHandlers(
  async (_olds, news) => checkNetworkPolicy(news),
  NETWORK_POLICY_INPUTS,
  NETWORK_POLICY_RULES,
  (s) => `${s.network}/${s.namespace}/${s.name}`,
);
