// Bad input fails at preview time, with an error that names the field and the reason.
import { docker, requireDocker, uniqueName } from "../support/docker";
import { TestStack, testStack } from "../support/pulumi";

jest.setTimeout(180_000);

describe("bad input at preview", () => {
  let t: TestStack | undefined;
  beforeAll(requireDocker);
  afterEach(async () => {
    await t?.dispose().catch(() => undefined);
    t = undefined;
  });

  it("a CIDR with host bits set fails preview naming cidr, and creates nothing", async () => {
    const network = uniqueName("e2e-bad");
    t = await testStack("two-pods", { network, cidr: "10.213.7.0/16" });
    const preview = t.stack.preview();
    await expect(preview).rejects.toThrow(
      /cidr[^\n]*"10\.213\.7\.0\/16" has host bits set; the network address is 10\.213\.0\.0\/16/,
    );
    expect(await docker.listNetworks({ filters: { name: [network] } })).toEqual([]);
  });

  it("an IPv6 CIDR fails preview naming cidr", async () => {
    t = await testStack("two-pods", { network: uniqueName("e2e-bad"), cidr: "fd00:10::/64" });
    await expect(t.stack.preview()).rejects.toThrow(/cidr[^\n]*is IPv6; only IPv4 CIDRs are supported/);
  });
});
