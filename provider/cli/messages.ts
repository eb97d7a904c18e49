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
