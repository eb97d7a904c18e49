// encrypted: true asks Docker's overlay driver for IPsec ESP between a cluster network's nodes. It has
// no meaning on a single-host bridge (refused at preview), Docker fixes it at create (a change replaces
// the network), and false is the same as leaving it out (no diff against states from before the field).
import { checkPodNetwork } from "../../provider/pod-network/check";
import { podNetworkHandlers } from "../../provider/pod-network/handlers";
import { actionFor, diffByTable } from "../../provider/diff/field-table";
import { POD_NETWORK_INPUTS, POD_NETWORK_RULES } from "../../provider/pod-network/diff-table";
import { AGENT_IMAGE } from "../../provider/agent/agent-container";
import { NETUTIL_IMAGE } from "../../provider/docker/netutil";
import { inspectNetwork } from "../../provider/docker/networks";
import { useFakeDocker } from "../support/fake-docker";
import { checkedCreate } from "../support/handlers";

const cluster = {
  name: "lab",
  nodes: [{ name: "n1", dockerHost: "unix:///run/n1.sock", advertiseAddr: "10.213.0.11" }],
  managers: 1,
};

describe("PodNetwork encrypted", () => {
  it("is refused on a single-host network, naming encrypted", () => {
    expect(checkPodNetwork({ name: "net", encrypted: true }).failures).toEqual([
      {
        property: "encrypted",
        reason: expect.stringMatching(
          /^applies only to a PodNetwork given a cluster, .*Remove encrypted, or give the network a cluster$/,
        ),
      },
    ]);
    expect(checkPodNetwork({ name: "net", encrypted: "yes", cluster }).failures).toEqual([
      { property: "encrypted", reason: "must be true or false" },
    ]);
  });

  it("is kept on a cluster network; false is the same as absent", () => {
    expect(checkPodNetwork({ name: "net", encrypted: true, cluster })).toMatchObject({
      inputs: { encrypted: true },
      failures: [],
    });
    expect(checkPodNetwork({ name: "net", encrypted: false, cluster }).inputs).not.toHaveProperty("encrypted");
    expect(checkPodNetwork({ name: "net", encrypted: false }).failures).toEqual([]);
  });

  it("a change replaces the network; false against a state without the field changes nothing", () => {
    expect(actionFor(POD_NETWORK_RULES, "encrypted")).toBe("replace");
    const plain = checkPodNetwork({ name: "net", cluster }).inputs as unknown as Record<string, unknown>;
    const encrypted = checkPodNetwork({ name: "net", cluster, encrypted: true }).inputs as unknown as Record<
      string,
      unknown
    >;
    const explicitFalse = checkPodNetwork({ name: "net", cluster, encrypted: false }).inputs as unknown as Record<
      string,
      unknown
    >;
    expect(diffByTable(plain, encrypted, POD_NETWORK_INPUTS, POD_NETWORK_RULES)).toMatchObject({
      changes: true,
      replaces: ["encrypted"],
    });
    expect(diffByTable(plain, explicitFalse, POD_NETWORK_INPUTS, POD_NETWORK_RULES)).toMatchObject({
      changes: false,
      replaces: [],
    });
  });

  describe("create (fake engine)", () => {
    const engine = useFakeDocker();
    it("gives Docker the overlay option encrypted, and no option without it", async () => {
      engine.current().image.add(NETUTIL_IMAGE, { Cmd: ["dnsmasq"] });
      engine.current().image.add(AGENT_IMAGE, {}); // every cluster node runs the network's agent
      await checkedCreate(podNetworkHandlers, { name: "secret", cidr: "10.244.0.0/16", cluster, encrypted: true });
      await checkedCreate(podNetworkHandlers, { name: "open", cidr: "10.245.0.0/16", cluster });
      expect((await inspectNetwork("secret"))?.Options).toEqual({ encrypted: "" });
      expect((await inspectNetwork("open"))?.Options).toEqual({});
      expect((await inspectNetwork("secret"))?.Driver).toBe("overlay");
    });
  });
});
