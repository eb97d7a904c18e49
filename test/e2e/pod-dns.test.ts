// Pod DNS names through the real pulumi CLI (test/e2e/programs/pod-dns): same-named pods in two namespaces,
// no bare pod names, `a-b-c-d.<ns>.pod.cluster.local` per namespace, and `hostname.subdomain` through the
// SDK's selection of a headless service. Only names inside cluster.local, or bare, are queried.
// Run it with PODLING_AGENT_IMAGE set to an agent built from this tree.
import { freeCidr, removeNetworkAndPods, requireDocker, resolveIn, uniqueName } from "../support/docker";
import { podDnsName } from "../../provider/rules/dns-records";
import { TestStack, testStack } from "../support/pulumi";
import { eventually } from "../support/wait";

jest.setTimeout(300_000);

describe("pod DNS names through pulumi up", () => {
  const network = uniqueName("e2e-poddns");
  let t: TestStack;
  let ips: { webA: string; webB: string; db: string };
  let client: string;
  let endpoints: unknown;

  beforeAll(async () => {
    await requireDocker();
    t = await testStack("pod-dns", { network, cidr: await freeCidr(24) });
    const { outputs } = await t.stack.up();
    ips = outputs.ips.value;
    client = outputs.clientContainer.value;
    endpoints = outputs.endpoints.value;
  });
  afterAll(async () => {
    await t?.dispose().catch(() => undefined);
    await removeNetworkAndPods(network);
  });

  it("runs both pods named web, each with its own address", () => {
    expect(ips.webA).toMatch(/^10\./);
    expect(ips.webB).toMatch(/^10\./);
    expect(ips.webA).not.toBe(ips.webB);
  });

  it("resolves no bare pod name from another namespace", async () => {
    expect(await resolveIn(client, "web")).toEqual([]);
  });

  it("answers each pod's a-b-c-d name under its own namespace only", async () => {
    expect(await resolveIn(client, podDnsName("a", ips.webA))).toEqual([ips.webA]);
    expect(await resolveIn(client, podDnsName("b", ips.webB))).toEqual([ips.webB]);
    expect(await resolveIn(client, podDnsName("b", ips.webA))).toEqual([]);
  });

  it("gives the pod with subdomain db its hostname under the headless service db", async () => {
    expect(endpoints).toEqual([expect.objectContaining({ pod: "a/db-0", hostname: "db-0" })]);
    await eventually("db-0.db.a.svc.cluster.local resolves", 60, async () =>
      (await resolveIn(client, "db-0.db.a.svc.cluster.local")).includes(ips.db),
    );
    expect(await resolveIn(client, "db-0.db.a.svc.cluster.local")).toEqual([ips.db]);
    expect(await resolveIn(client, "db.a.svc.cluster.local")).toEqual([ips.db]);
  });

  it("a preview and a second up change nothing (the hostnames are as declared, known at preview)", async () => {
    const preview = await t.stack.preview();
    expect(preview.changeSummary).toEqual({ same: expect.any(Number) });
    const result = await t.stack.up();
    expect(result.summary.resourceChanges).toEqual({ same: expect.any(Number) });
  });
});
