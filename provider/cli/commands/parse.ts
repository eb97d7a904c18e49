// Argument parsers for commander: each throws commander's own error, which names the option.
import { InvalidArgumentError } from "commander";

export function wholeNumber(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError("expected a whole number, like 20");
  return Number(value);
}

/** kubectl's LOCAL:REMOTE, PORT (both the same) or :REMOTE (any free local port). */
export function portPair(value: string): { local: number; remote: number } {
  const match = /^(\d*):(\d+)$/.exec(value) ?? /^()(\d+)$/.exec(value);
  const valid = (p: number, zeroOk: boolean) => Number.isInteger(p) && p <= 65535 && (zeroOk || p > 0);
  if (match) {
    const remote = Number(match[2]);
    const local = match[1] === "" ? (value.startsWith(":") ? 0 : remote) : Number(match[1]);
    if (valid(local, true) && valid(remote, false)) return { local, remote };
  }
  throw new InvalidArgumentError("expected LOCAL:REMOTE, PORT or :REMOTE, like 8080:80");
}
