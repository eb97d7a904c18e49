// A container's environment from either form env takes: a map, or Kubernetes' list of {name, value}.
// Pure.
import type { Container } from "./types";

/**
 * The variables a container gets, each name once. In the list a repeated name takes its last value,
 * as the kubelet does (it collects the list into a map); the name keeps its first position.
 */
export function envVariables(env: Container["env"]): Array<[string, string]> {
  if (!Array.isArray(env)) return Object.entries(env ?? {});
  const byName = new Map<string, string>();
  for (const { name, value } of env) byName.set(name, value ?? "");
  return [...byName];
}

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** Why `name` cannot be an environment variable, or undefined when it can. */
export function envName(name: string): string | undefined {
  if (!ENV_NAME.test(name))
    return `"${name}" is not a valid environment variable name (letters, digits, '_', '-', '.', not starting with a digit)`;
  return undefined;
}
