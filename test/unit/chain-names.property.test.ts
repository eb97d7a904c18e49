// Properties of iptables chain names: iptables refuses names over 28 characters, and two owners sharing
// a name would overwrite each other's rules.
import * as fc from "fast-check";
import { chainName } from "../../provider/rules/chain-names";
import { RUNS } from "../support/arbitraries";

const PREFIXES = ["PODLING-SVC", "PODLING-SEP", "PODLING-EXCEPT", "PODLING-CLIENT", "PODLING-BACKEND"];
// Parts as the renderers pass them: names, "namespace/name", addresses, CIDRs, ports, protocols. None
// holds "|", which joins them before hashing.
const part = fc.stringMatching(/^[a-z0-9][a-z0-9./:-]{0,40}$/);
const parts = fc.array(part, { minLength: 1, maxLength: 6 });

describe("chainName", () => {
  it("is deterministic, at most 28 characters, and the prefix then an upper-case hash", () => {
    fc.assert(
      fc.property(fc.constantFrom(...PREFIXES), parts, (prefix, p) => {
        const name = chainName(prefix, ...p);
        expect(name).toBe(chainName(prefix, ...p));
        expect(name.length).toBeLessThanOrEqual(28);
        expect(name).toMatch(new RegExp(`^${prefix}-[A-Z0-9]+$`));
      }),
      RUNS,
    );
  });

  it("gives distinct inputs distinct names", () => {
    // At least 12 hash characters from 36 symbols (62 bits) make a collision among these a few hundred
    // names practically impossible; the fixed seed makes this check the same set of names on every run.
    const distinct = fc.uniqueArray(parts, { minLength: 100, maxLength: 300, selector: (p) => p.join("|") });
    fc.assert(
      fc.property(fc.constantFrom(...PREFIXES), distinct, (prefix, inputs) => {
        expect(new Set(inputs.map((p) => chainName(prefix, ...p))).size).toBe(inputs.length);
      }),
      { numRuns: 20, seed: 28 },
    );
  });
});
