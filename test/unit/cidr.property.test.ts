// Properties of the CIDR module (and of the pod address allocation built on lowestFree), checked against
// plain arithmetic on numbers.
import * as fc from "fast-check";
import {
  addressAt,
  addressCount,
  contains,
  layoutOf,
  lowestFree,
  MAX_POD_NETWORK_PREFIX,
  overlaps,
  parseCidr,
} from "../../core/cidr";
import { networkCidr, RUNS } from "../support/arbitraries";
import { boundsOf, ipToNumber, numberToIp } from "../support/ipv4";

describe("parseCidr", () => {
  it("accepts every network address", () => {
    fc.assert(
      fc.property(networkCidr(1, 32), (cidr) => parseCidr(cidr).ok),
      RUNS,
    );
  });
  it("rejects host bits set, naming the network address", () => {
    const withHostBits = fc
      .tuple(networkCidr(1, 31), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }))
      .map(([cidr, at]) => {
        const [first, last] = boundsOf(cidr);
        return { cidr, text: `${numberToIp(first + 1 + Math.floor(at * (last - first)))}/${cidr.split("/")[1]}` };
      });
    fc.assert(
      fc.property(withHostBits, ({ cidr, text }) => {
        const result = parseCidr(text);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.reason).toContain(`the network address is ${cidr}`);
      }),
      RUNS,
    );
  });
});

describe("overlaps and contains", () => {
  // Ranges in one small window, so that nesting, overlap and disjointness all come up often.
  const near = fc.integer({ min: ipToNumber("10.244.0.0"), max: ipToNumber("10.244.15.255") });
  it("agree with the ranges as numbers", () => {
    fc.assert(
      fc.property(networkCidr(18, 32, near), networkCidr(18, 32, near), near, (a, b, n) => {
        const [a1, a2] = boundsOf(a);
        const [b1, b2] = boundsOf(b);
        expect(overlaps(a, b)).toBe(a1 <= b2 && b1 <= a2);
        expect(overlaps(b, a)).toBe(overlaps(a, b));
        expect(contains(a, numberToIp(n))).toBe(a1 <= n && n <= a2);
      }),
      RUNS,
    );
  });
  it("place addressAt inside its CIDR, offset from the network address", () => {
    const cidrAndOffset = networkCidr(8, 30).chain((cidr) =>
      fc.tuple(fc.constant(cidr), fc.integer({ min: 0, max: boundsOf(cidr)[1] - boundsOf(cidr)[0] })),
    );
    fc.assert(
      fc.property(cidrAndOffset, ([cidr, offset]) => {
        expect(ipToNumber(addressAt(cidr, offset))).toBe(boundsOf(cidr)[0] + offset);
        expect(contains(cidr, addressAt(cidr, offset))).toBe(true);
      }),
      RUNS,
    );
  });
});

describe("layoutOf", () => {
  it("uses every address once: network, gateway, pods, DNS, services, broadcast", () => {
    fc.assert(
      fc.property(networkCidr(8, MAX_POD_NETWORK_PREFIX), (cidr) => {
        const [first, last] = boundsOf(cidr);
        const l = layoutOf(cidr);
        const at = ipToNumber;
        expect([at(l.gateway), at(l.podFirst)]).toEqual([first + 1, first + 2]);
        expect(at(l.podFirst)).toBeLessThanOrEqual(at(l.podLast));
        if (Number(cidr.split("/")[1]) > 26) {
          expect([l.serviceCidr, l.dnsIP, l.serviceFirst, l.serviceLast]).toEqual([
            undefined,
            undefined,
            undefined,
            undefined,
          ]);
          expect(at(l.podLast)).toBe(last - 1);
          return;
        }
        const [s1, s2] = boundsOf(l.serviceCidr!);
        expect([s1, s2 - s1 + 1, s2]).toEqual([last + 1 - (last - first + 1) / 8, (last - first + 1) / 8, last]);
        expect([at(l.podLast) + 1, at(l.dnsIP!), at(l.serviceFirst!), at(l.serviceLast!)]).toEqual([
          s1,
          s1,
          s1 + 1,
          last - 1,
        ]);
        expect(overlaps(`${l.podLast}/32`, l.serviceCidr!)).toBe(false);
        expect(2 + addressCount(l.podFirst, l.podLast) + 1 + addressCount(l.serviceFirst!, l.serviceLast!) + 1).toBe(
          last - first + 1,
        );
      }),
      RUNS,
    );
  });
});

describe("address allocation", () => {
  // A range of up to 64 addresses and which of them are taken.
  const rangeAndUsed = fc.tuple(
    fc.integer({ min: 0, max: 2 ** 32 - 65 }),
    fc.array(fc.boolean(), { minLength: 1, maxLength: 64 }),
  );

  it("lowestFree gives the lowest unused address of the range, or nothing when all are used", () => {
    fc.assert(
      fc.property(rangeAndUsed, ([start, taken]) => {
        const used = new Set(taken.flatMap((t, i) => (t ? [numberToIp(start + i)] : [])));
        const got = lowestFree(numberToIp(start), numberToIp(start + taken.length - 1), used);
        const expected = taken.indexOf(false);
        expect(got).toBe(expected < 0 ? undefined : numberToIp(start + expected));
      }),
      RUNS,
    );
  });

  it("reserving and releasing, as a network's address book does, never hands out a held address", () => {
    // true: reserve the lowest free address; a number: release the address held longest ago at that index.
    const steps = fc.array(fc.oneof(fc.constant(true as const), fc.nat()), { maxLength: 80 });
    fc.assert(
      fc.property(networkCidr(24, 27), steps, (cidr, ops) => {
        const l = layoutOf(cidr);
        const used = new Set([l.gateway]);
        const held: string[] = [];
        for (const op of ops) {
          if (op === true) {
            const address = lowestFree(l.podFirst, l.podLast, used);
            if (address === undefined) {
              expect(held).toHaveLength(addressCount(l.podFirst, l.podLast));
              continue;
            }
            expect(held).not.toContain(address);
            expect(ipToNumber(address)).toBeGreaterThanOrEqual(ipToNumber(l.podFirst));
            expect(ipToNumber(address)).toBeLessThanOrEqual(ipToNumber(l.podLast));
            used.add(address);
            held.push(address);
          } else if (held.length > 0) {
            const [released] = held.splice(op % held.length, 1);
            used.delete(released);
            // The released address is free again: the next reservation takes it or a lower one.
            expect(ipToNumber(lowestFree(l.podFirst, l.podLast, used)!)).toBeLessThanOrEqual(ipToNumber(released));
          }
        }
      }),
      RUNS,
    );
  });
});
