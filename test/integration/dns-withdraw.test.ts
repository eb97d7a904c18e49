// The fallback withdrawal of a deleted pod from DNS records (when the node agent does not answer in time):
// every record line of exactly that address goes, in whichever hosts file holds it, and nothing else.
import { podNetworkHandlers } from "../../provider/pod-network/handlers";
import { clusterDnsName, withdrawFromRecords, writeRecords } from "../../provider/pod-network/cluster-dns";
import { exec, freeCidr, removeNetworkAndPods, requireDocker, uniqueName } from "../support/docker";
import { checkedCreate } from "../support/handlers";

jest.setTimeout(120_000);

describe("withdrawing an address from the DNS records", () => {
  const network = uniqueName("it-dnswd");
  let base = "";

  beforeAll(async () => {
    await requireDocker();
    const cidr = await freeCidr();
    base = cidr.split(".").slice(0, 3).join(".");
    await checkedCreate(podNetworkHandlers, { name: network, cidr });
  });
  afterAll(() => removeNetworkAndPods(network));

  const records = (file: string) => exec(clusterDnsName(network), ["cat", `/etc/podling/dns/${file}`]);

  it("drops the address's lines from every file and leaves longer addresses and other files alone", async () => {
    await writeRecords(network, "svc_default_web", `${base}.5 web\n${base}.6 web\n${base}.50 web\n`);
    await writeRecords(network, "pod_default_p5", `${base}.5 p5\n`);
    await writeRecords(network, "pod_default_p50", `${base}.50 p50\n`);

    await withdrawFromRecords(network, `${base}.5`);

    expect(await records("svc_default_web")).toBe(`${base}.6 web\n${base}.50 web\n`);
    expect(await records("pod_default_p5")).toBe("");
    expect(await records("pod_default_p50")).toBe(`${base}.50 p50\n`);
  });

  it("does nothing when no file holds the address", async () => {
    await expect(withdrawFromRecords(network, `${base}.99`)).resolves.toBeUndefined();
    expect(await records("pod_default_p50")).toBe(`${base}.50 p50\n`);
  });
});
