// 50 pods created in parallel by one `pulumi up` never share an address.
import { contains } from "../../core/cidr";
import { freeCidr, managedObjects, removeNetworkAndPods, requireDocker, uniqueName } from "../support/docker";
import { TestStack, testStack } from "../support/pulumi";

jest.setTimeout(600_000);

describe("parallel pods", () => {
  const network = uniqueName("e2e-many");
  let t: TestStack;
  let cidr: string;

  beforeAll(async () => {
    await requireDocker();
    cidr = await freeCidr(24);
    t = await testStack("many-pods", { network, cidr, count: "50" });
  });
  afterAll(async () => {
    await t?.dispose().catch(() => undefined);
    await removeNetworkAndPods(network);
  });

  it("gives 50 pods created by one up 50 distinct addresses from the CIDR", async () => {
    const result = await t.stack.up({ parallel: 50 });
    const ips: string[] = result.outputs.podIPs.value;
    expect(ips).toHaveLength(50);
    expect(new Set(ips).size).toBe(50);
    expect(ips.every((ip) => contains(cidr, ip))).toBe(true);
    await t.stack.destroy();
    expect(await managedObjects(network)).toEqual({ containers: [], networks: [], volumes: [] });
  });
});
