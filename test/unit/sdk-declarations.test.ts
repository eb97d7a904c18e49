// Program-level checks the SDK makes before anything reaches a provider.
import { rememberCidr } from "../../sdk/pod-network";
import { declarationsOn, registerPod } from "../../sdk/pod-registry";
import { rememberNodePorts } from "../../sdk/service";

describe("the SDK refuses, naming the field", () => {
  it("two PodNetworks of one program with overlapping CIDRs", () => {
    rememberCidr("one", "10.250.0.0/16");
    expect(() => rememberCidr("two", "10.250.8.0/24")).toThrow(
      'PodNetwork "two": cidr 10.250.8.0/24 overlaps PodNetwork "one" (10.250.0.0/16) declared in the same program',
    );
    expect(() => rememberCidr("three", "10.251.0.0/16")).not.toThrow();
  });

  it("two services of one program publishing one nodePort", () => {
    rememberNodePorts("a", [{ port: 80, nodePort: 30080 }]);
    expect(() => rememberNodePorts("b", [{ port: 81, nodePort: 30080 }])).toThrow(
      'Service "b": ports[0].nodePort 30080/TCP is already published by Service "a" in this program',
    );
    expect(() => rememberNodePorts("c", [{ port: 81, nodePort: 30080, protocol: "UDP" }])).not.toThrow();
  });

  it("a pod declared after a service took the list of pods on its network", async () => {
    const network = {};
    const pod = (resourceName: string) => ({
      resourceName,
      resource: {} as never,
      outputs: {} as never,
      placement: { containers: [] },
    });
    registerPod(network, pod("early"));
    const taken = await declarationsOn(network, 'Service "c"');
    expect(taken.pods.map((p) => p.resourceName)).toEqual(["early"]);
    expect(() => registerPod(network, pod("late"))).toThrow(
      /Pod "late" was declared after Service "c" took the list of pods/,
    );
  });
});
