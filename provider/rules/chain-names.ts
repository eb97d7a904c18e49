// Deterministic, bounded iptables chain names: a prefix plus a truncated hash, at most 28 characters.
import { createHash } from "crypto";

export function chainName(prefix: string, ...parts: string[]): string {
  const hash = createHash("sha256").update(parts.join("|")).digest("base64url").replace(/[-_]/g, "").toUpperCase();
  return `${prefix}-${hash}`.slice(0, 28);
}
