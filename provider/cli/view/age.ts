// kubectl's ages (apimachinery's duration.HumanDuration): exact seconds for two minutes, then coarser
// as they grow, at most two units. Pure.

export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return withRest(minutes, "m", seconds % 60, "s");
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return withRest(hours, "h", minutes % 60, "m");
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) return withRest(Math.floor(hours / 24), "d", hours % 24, "h");
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  const days = Math.floor(hours / 24);
  if (hours < 24 * 365 * 8) return withRest(Math.floor(days / 365), "y", days % 365, "d");
  return `${Math.floor(days / 365)}y`;
}

const withRest = (big: number, bigUnit: string, rest: number, restUnit: string) =>
  rest === 0 ? `${big}${bigUnit}` : `${big}${bigUnit}${rest}${restUnit}`;

/** The age of something created at `timestamp` (RFC 3339), as of `now`; "<unknown>" without a timestamp. */
export function ageOf(timestamp: string | undefined, now: number): string {
  return timestamp ? humanDuration(now - Date.parse(timestamp)) : "<unknown>";
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A timestamp as kubectl describe prints it (Go's RFC1123Z), in UTC: "Thu, 03 Dec 2026 10:35:09 +0000". */
export function describeTime(timestamp: string | undefined): string {
  if (!timestamp) return "<unknown>";
  const t = new Date(timestamp);
  const two = (n: number) => String(n).padStart(2, "0");
  const clock = `${two(t.getUTCHours())}:${two(t.getUTCMinutes())}:${two(t.getUTCSeconds())}`;
  return `${DAYS[t.getUTCDay()]}, ${two(t.getUTCDate())} ${MONTHS[t.getUTCMonth()]} ${t.getUTCFullYear()} ${clock} +0000`;
}
