// The CLI's error texts, each ending with what to type next. Pure.

/** An error the user can fix: printed as it is, without a stack. */
export class UserError extends Error {}

export function notFoundMessage(
  kind: string,
  name: string,
  namespace: string,
  elsewhere: string[],
  plural: string,
): string {
  const head = `${kind} "${name}" not found in namespace "${namespace}"`;
  if (elsewhere.length > 0) return `${head}; did you mean ${elsewhere.join(" or ")}? (podling get ${plural} -A)`;
  return `${head} (podling get ${plural} -A lists every namespace)`;
}

/**
 * On a cluster network each pod's PodFirewall enforces the NetworkPolicies and no node agent holds them:
 * the engine has nothing to list, and this says where they are instead.
 */
export function clusterPoliciesMessage(networks: string[]): string {
  const names = networks.map((n) => `"${n}"`).join(", ");
  const which = networks.length === 1 ? `network ${names} spans a cluster` : `networks ${names} span a cluster`;
  return (
    `${which}, where each pod's PodFirewall enforces the NetworkPolicies and no node agent holds them: ` +
    `they are only in the Pulumi state (pulumi stack lists them; ` +
    `podling describe pod NAME -n NS shows which policies a pod's firewall carries out)`
  );
}
