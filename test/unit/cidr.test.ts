import { IPv4CidrRange } from "ip-num";
import { addressCount, contains, dynamicRangeOf, layoutOf, lowestFree, overlaps, parseCidr } from "../../core/cidr";

describe("parseCidr", () => {
  it("accepts a network address", () => {
    expect(parseCidr("10.244.0.0/16").ok).toBe(true);
  });
  it.each([
    ["10.244.1.0/16", /host bits set; the network address is 10.244.0.0\/16/],
    ["10.244.0.0", /not an IPv4 CIDR/],
    ["10.300.0.0/16", /not an IPv4 CIDR/],
    ["fd00::/64", /IPv6/],
    ["", /must be an IPv4 CIDR/],
    [42, /must be an IPv4 CIDR/],
  ])("rejects %p", (text, reason) => {
    const result = parseCidr(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});

describe("layoutOf", () => {
  it("splits a /16 into gateway, pods and a service eighth", () => {
    expect(layoutOf("10.244.0.0/16")).toEqual({
      cidr: "10.244.0.0/16",
      gateway: "10.244.0.1",
      podFirst: "10.244.0.2",
      podLast: "10.244.223.255",
      serviceCidr: "10.244.224.0/19",
      dnsIP: "10.244.224.0",
      serviceFirst: "10.244.224.1",
      serviceLast: "10.244.255.254",
    });
  });
  it("keeps no service range on a /29", () => {
    expect(layoutOf("192.168.77.0/29")).toEqual({
      cidr: "192.168.77.0/29",
      gateway: "192.168.77.1",
      podFirst: "192.168.77.2",
      podLast: "192.168.77.6",
    });
  });
  it.each(["10.0.0.0/8", "10.244.0.0/16", "172.20.0.0/20", "10.9.9.0/24", "10.9.9.0/26"])(
    "never hands a pod a service address in %s",
    (cidr) => {
      const layout = layoutOf(cidr);
      expect(contains(cidr, layout.podFirst) && contains(cidr, layout.podLast)).toBe(true);
      expect(contains(layout.serviceCidr!, layout.podLast)).toBe(false);
      expect(contains(layout.serviceCidr!, layout.gateway)).toBe(false);
      expect(overlaps(layout.serviceCidr!, cidr)).toBe(true);
    },
  );
});

describe("dynamicRangeOf", () => {
  it.each([
    ["10.244.0.0/16", "10.244.0.0/17"],
    ["10.9.9.0/24", "10.9.9.0/25"],
    ["10.9.9.64/26", "10.9.9.64/27"],
  ])("leaves Docker only pod addresses in %s: %s", (cidr, range) => {
    const layout = layoutOf(cidr);
    expect(dynamicRangeOf(layout)).toBe(range);
    // It starts at the network address (never handed out), then the gateway, then pod addresses only.
    const lastOfRange = IPv4CidrRange.fromCidr(range).getLast().toString();
    expect(addressCount(layout.podFirst, lastOfRange)).toBeLessThanOrEqual(
      addressCount(layout.podFirst, layout.podLast),
    );
    expect(contains(range, layout.dnsIP!)).toBe(false);
    expect(overlaps(range, layout.serviceCidr!)).toBe(false);
  });

  it("leaves the whole subnet to Docker below a /26, where every host address is a pod address", () => {
    expect(dynamicRangeOf(layoutOf("10.9.9.0/27"))).toBeUndefined();
    expect(dynamicRangeOf(layoutOf("10.9.9.0/29"))).toBeUndefined();
  });
});

describe("lowestFree", () => {
  it("skips used addresses and reports a full range", () => {
    expect(lowestFree("10.0.0.2", "10.0.0.4", new Set(["10.0.0.2"]))).toBe("10.0.0.3");
    expect(lowestFree("10.0.0.2", "10.0.0.3", new Set(["10.0.0.2", "10.0.0.3"]))).toBeUndefined();
  });
  it("never hands out one address twice over a whole /24", () => {
    const layout = layoutOf("10.1.2.0/24");
    const used = new Set<string>();
    for (let i = 0; i < addressCount(layout.podFirst, layout.podLast); i++) {
      const next = lowestFree(layout.podFirst, layout.podLast, used)!;
      expect(used.has(next)).toBe(false);
      used.add(next);
    }
    expect(used.size).toBe(addressCount(layout.podFirst, layout.podLast));
    expect(lowestFree(layout.podFirst, layout.podLast, used)).toBeUndefined();
  });
});

describe("overlaps", () => {
  it("detects nesting and disjointness", () => {
    expect(overlaps("10.244.0.0/16", "10.244.5.0/24")).toBe(true);
    expect(overlaps("10.244.0.0/16", "10.245.0.0/16")).toBe(false);
  });
});
