// Docker API errors, reduced to what the handlers decide on.
export function statusOf(err: unknown): number | undefined {
  return typeof err === "object" && err !== null ? (err as { statusCode?: number }).statusCode : undefined;
}

export const isNotFound = (err: unknown) => statusOf(err) === 404;
export const isConflict = (err: unknown) => statusOf(err) === 409;
export const isNotModified = (err: unknown) => statusOf(err) === 304;

/**
 * Docker refusing a container's fixed IP because another endpoint holds it. libnetwork's IPAM answers
 * with a Forbidden error (HTTP 403) whose text, "Address already in use", has not changed from 20.10 to 28;
 * 28.1 and later put "failed to set up container networking: " before it. The 403 keeps host port clashes
 * (500, and lower-case "address already in use" from bind) out.
 */
export const isAddressConflict = (err: unknown) =>
  statusOf(err) === 403 && /(^|: )Address already in use$/.test(messageOf(err).trim());

/**
 * Docker refusing a published host port. Docker answers 500 with text only, always under "driver failed
 * programming external connectivity": "Bind for 0.0.0.0:P failed: port is already allocated" (another
 * container has it), "Error starting userland proxy: listen tcp4 0.0.0.0:P: bind: address already in use"
 * (a host process has it, 20.10 to 27), or "failed to bind host port for 0.0.0.0:P:...: address already in
 * use" (28).
 */
export function isHostPortConflict(err: unknown): boolean {
  const message = messageOf(err);
  return (
    /driver failed programming external connectivity/.test(message) &&
    /port is already allocated|address already in use/i.test(message)
  );
}

/**
 * The daemon's own words, without dockerode's "(HTTP code 500) server error -" prefix; dockerode's reason
 * ("container already started") when the daemon gave none, as it does for a 304. A bare 500 says more:
 * dockerode's "server error" alone does not tell that the daemon gave no reason.
 */
export function messageOf(err: unknown): string {
  if (typeof err === "object" && err !== null) {
    const json = (err as { json?: { message?: string } }).json;
    if (json?.message) return json.message;
    const message = (err as { message?: string }).message;
    const parts = message?.match(/^\(HTTP code (\d+)\) ([a-z ]+) - (.*)$/s);
    if (parts && parts[3].trim()) return parts[3].trim();
    if (parts && parts[1] === "500")
      return "the Docker daemon answered HTTP 500 with no reason (it does so while it stops or restarts)";
    if (parts) return parts[2];
    if (message) return message;
  }
  return String(err);
}

/** The engine did not answer at all (socket gone, connection refused or timed out): on a cluster, a lost node. */
export function isEngineUnreachable(err: unknown): boolean {
  const code = typeof err === "object" && err !== null ? (err as { code?: string }).code : undefined;
  if (
    code &&
    ["ECONNREFUSED", "ENOENT", "EHOSTUNREACH", "ENETUNREACH", "ETIMEDOUT", "ECONNRESET", "EPIPE"].includes(code)
  )
    return true;
  return /timeout|socket hang up|connect E/i.test(messageOf(err)) && statusOf(err) === undefined;
}
