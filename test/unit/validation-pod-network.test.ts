import { checkPodNetwork } from "../../provider/pod-network/check";

describe("checkPodNetwork", () => {
  it("defaults the CIDR to 10.244.0.0/16", () => {
    expect(checkPodNetwork({ name: "cluster" })).toEqual({ inputs: { name: "cluster", cidr: "10.244.0.0/16", labels: {}, internal: false }, failures: [] });
  });
  it.each([
    ["10.244.1.0/16", /^cidr: .*host bits set/],
    ["300.1.0.0/16", /^cidr: .*not an IPv4 CIDR/],
    ["10.0.0.0/30", /^cidr: 10.0.0.0\/30 is too small for pods/],
    ["10.9.9.9/32", /^cidr: 10.9.9.9\/32 is too small for pods/],
    ["fd00::/64", /^cidr: .*IPv6/],
  ])("rejects cidr %s", (cidr, expected) => {
    const { failures } = checkPodNetwork({ name: "cluster", cidr });
    expect(failures.map((f) => `${f.property}: ${f.reason}`)).toEqual([expect.stringMatching(expected)]);
  });
  it("rejects a name Docker or DNS would mangle", () => {
    expect(checkPodNetwork({ name: "My Net" }).failures[0].property).toBe("name");
  });
});
