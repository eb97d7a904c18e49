import { checkPodNetwork } from "../../provider/pod-network/check";

describe("checkPodNetwork", () => {
  it("defaults the CIDR to 10.244.0.0/16", () => {
    expect(checkPodNetwork({ name: "cluster" })).toEqual({
      inputs: {
        name: "cluster",
        cidr: "10.244.0.0/16",
        labels: {},
        internal: false,
        serviceNodePortRange: "30000-32767",
        nodePortAddresses: ["127.0.0.1"],
      },
      failures: [],
    });
  });
  it("takes a NodePort range and publish addresses as kube-proxy does", () => {
    const news = {
      name: "cluster",
      serviceNodePortRange: "31000+99",
      nodePortAddresses: ["127.0.0.1", "192.168.1.10/32"],
    };
    expect(checkPodNetwork(news)).toMatchObject({
      inputs: { serviceNodePortRange: "31000+99", nodePortAddresses: ["127.0.0.1", "192.168.1.10/32"] },
      failures: [],
    });
    expect(checkPodNetwork({ name: "cluster", nodePortAddresses: ["0.0.0.0/0"] }).failures).toEqual([]);
  });
  it.each<[string, Record<string, unknown>, RegExp]>([
    [
      "a range past 65535",
      { serviceNodePortRange: "30000-70000" },
      /^serviceNodePortRange: "30000-70000" must lie within 1-65535/,
    ],
    [
      "a range that ends before it starts",
      { serviceNodePortRange: "32767-30000" },
      /^serviceNodePortRange: "32767-30000" ends before it starts/,
    ],
    [
      "a range that is not one",
      { serviceNodePortRange: "all" },
      /^serviceNodePortRange: "all" must be a port range such as "30000-32767"/,
    ],
    ["no publish address", { nodePortAddresses: [] }, /^nodePortAddresses: must list at least one host IPv4 address/],
    [
      "a CIDR wider than one address",
      { nodePortAddresses: ["192.168.0.0/16"] },
      /^nodePortAddresses\[0\]: "192.168.0.0\/16": list the host's addresses one by one/,
    ],
    [
      "0.0.0.0 as an address",
      { nodePortAddresses: ["0.0.0.0"] },
      /^nodePortAddresses\[0\]: "0.0.0.0" is not a host address; write 0.0.0.0\/0/,
    ],
    [
      "an IPv6 address",
      { nodePortAddresses: ["::1"] },
      /^nodePortAddresses\[0\]: .*IPv6|^nodePortAddresses\[0\]: "::1" is not an IPv4 address/,
    ],
    [
      "a name",
      { nodePortAddresses: ["localhost"] },
      /^nodePortAddresses\[0\]: "localhost" is not an IPv4 address or CIDR/,
    ],
    [
      "one address twice",
      { nodePortAddresses: ["127.0.0.1", "127.0.0.1/32"] },
      /^nodePortAddresses\[1\]: "127.0.0.1\/32" is listed twice/,
    ],
    [
      "every address beside one",
      { nodePortAddresses: ["0.0.0.0/0", "127.0.0.1"] },
      /^nodePortAddresses: 0.0.0.0\/0 already covers every address; list it alone/,
    ],
  ])("rejects %s, naming the field", (_what, fields, expected) => {
    const { failures } = checkPodNetwork({ name: "cluster", ...fields });
    expect(failures.map((f) => `${f.property}: ${f.reason}`)).toEqual([expect.stringMatching(expected)]);
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
