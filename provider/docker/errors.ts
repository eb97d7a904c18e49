// Docker API errors, reduced to what the handlers decide on.
export function statusOf(err: unknown): number | undefined {
  return typeof err === "object" && err !== null ? (err as { statusCode?: number }).statusCode : undefined;
}

export const isNotFound = (err: unknown) => statusOf(err) === 404;
export const isConflict = (err: unknown) => statusOf(err) === 409;
export const isNotModified = (err: unknown) => statusOf(err) === 304;

/** Docker refusing a fixed IP that another container holds (not a host port clash, which says "bind: ..."). */
export const isAddressConflict = (err: unknown) => messageOf(err).trim().toLowerCase() === "address already in use";

/** The daemon's own words, without dockerode's "(HTTP code 500) server error -" prefix. */
export function messageOf(err: unknown): string {
  if (typeof err === "object" && err !== null) {
    const json = (err as { json?: { message?: string } }).json;
    if (json?.message) return json.message;
    const reason = (err as { reason?: string; message?: string }).message;
    if (reason) return reason.replace(/^\(HTTP code \d+\) [a-z ]+ - /, "");
  }
  return String(err);
}

/** The engine did not answer at all (socket gone, connection refused or timed out): on a cluster, a lost node. */
export function isEngineUnreachable(err: unknown): boolean {
  const code = typeof err === "object" && err !== null ? (err as { code?: string }).code : undefined;
  if (code && ["ECONNREFUSED", "ENOENT", "EHOSTUNREACH", "ENETUNREACH", "ETIMEDOUT", "ECONNRESET", "EPIPE"].includes(code)) return true;
  return /timeout|socket hang up|connect E/i.test(messageOf(err)) && statusOf(err) === undefined;
}
