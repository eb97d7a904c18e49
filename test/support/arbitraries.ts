// Shared fast-check settings and generators. Every property must hold for every input, so the random
// seed fast-check picks per run can only find real bugs, never fail by chance; a failure prints the seed
// and the shrunk input to replay it.
import * as fc from "fast-check";
import { numberToIp } from "./ipv4";

export const RUNS = { numRuns: 300 };

export const anyAddress = fc.integer({ min: 0, max: 2 ** 32 - 1 });

/** A network CIDR (no host bits) with a prefix in [minPrefix, maxPrefix], around one of `addresses`. */
export function networkCidr(
  minPrefix: number,
  maxPrefix: number,
  addresses: fc.Arbitrary<number> = anyAddress,
): fc.Arbitrary<string> {
  return fc.tuple(addresses, fc.integer({ min: minPrefix, max: maxPrefix })).map(([n, prefix]) => {
    const size = 2 ** (32 - prefix);
    return `${numberToIp(n - (n % size))}/${prefix}`;
  });
}
