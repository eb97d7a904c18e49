// Pod addresses through the real `pulumi` CLI: replacing every pod of a full network in one `up`.
import { contains } from "../../core/cidr";
import { freeCidr, removeNetworkAndPods, requireDocker, uniqueName } from "../support/docker";
import { objectsUnknownToState } from "../support/leaks";
import { declare, TestStack, testStack } from "../support/pulumi";
import { TOOLBOX } from "../support/workloads";

jest.setTimeout(600_000);

describe("pod addresses in one up", () => {
  const network = uniqueName("e2e-ipam");
  let cidr: string;
  let t: TestStack;

  beforeAll(async () => {
    await requireDocker();
    cidr = await freeCidr(29);
    t = await testStack("from-config", {});
  });
  afterAll(async () => {
    await t?.dispose().catch(() => undefined);
    await removeNetworkAndPods(network);
  });

  it("replaces all five pods of a full /29 when their env changes", async () => {
    // Containers that ignore SIGTERM, with grace periods of 0 to 12 s: the old pods go one after the
    // other, so new pods are created while old ones still hold addresses, as in a real rollout.
    const pods = (version: string) =>
      Array.from({ length: 5 }, (_, i) => ({
        resource: `p${i}`,
        name: `p${i}`,
        terminationGracePeriodSeconds: 3 * i,
        containers: [
          {
            name: "main",
            image: TOOLBOX,
            command: ["sh", "-c", "trap '' TERM; sleep 86400 & wait"],
            env: { VERSION: version },
          },
        ],
      }));
    const networks = [{ resource: "net", name: network, cidr }];
    await declare(t, { networks, pods: pods("1") });
    await t.stack.up();

    await declare(t, { networks, pods: pods("2") });
    const up = await t.stack.up();
    expect(up.summary.resourceChanges?.replace).toBe(5);
    const ips: string[] = Object.values((await t.stack.outputs()).podIPs.value);
    expect(new Set(ips).size).toBe(5);
    expect(ips.every((ip) => contains(cidr, ip))).toBe(true);
    expect(await objectsUnknownToState(t.stack, [network])).toEqual([]);
  });
});
