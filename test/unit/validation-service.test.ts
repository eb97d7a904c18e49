import { checkService } from "../../provider/service/check";
import { UNKNOWN } from "../../provider/check/failures";

const valid = () => ({
  network: "net",
  name: "web",
  selector: { app: "web" },
  ports: [{ name: "http", port: 80, targetPort: "http" }],
  endpoints: [{ pod: "default/a", ip: "10.0.0.2", ready: true, namedPorts: { http: 8080 } }],
});

const problems = (news: Record<string, unknown>) =>
  checkService(news).failures.map((f) => `${f.property}: ${f.reason}`);

describe("checkService", () => {
  it("fills Kubernetes defaults", () => {
    const { inputs, failures } = checkService({ ...valid(), ports: [{ port: 80 }] });
    expect(failures).toEqual([]);
    expect(inputs).toMatchObject({
      namespace: "default",
      type: "ClusterIP",
      sessionAffinity: "None",
      ports: [{ port: 80, targetPort: 80, protocol: "TCP" }],
    });
  });
  it("defaults the ClientIP timeout to 10800 seconds", () => {
    expect(checkService({ ...valid(), sessionAffinity: "ClientIP" }).inputs.sessionAffinityTimeoutSeconds).toBe(10800);
  });
  it.each<[string, (s: any) => void, RegExp]>([
    ["an empty selector", (s) => (s.selector = {}), /^selector: is empty, so it would select no pods/],
    [
      "duplicate port names",
      (s) => s.ports.push({ name: "http", port: 81 }),
      /^ports\[1\]\.name: duplicate port name "http"/,
    ],
    [
      "duplicate port/protocol pairs",
      (s) => s.ports.push({ name: "b", port: 80 }),
      /^ports\[1\]\.port: 80\/TCP is declared twice/,
    ],
    [
      "a port outside 1-65535",
      (s) => (s.ports[0].port = 0),
      /^ports\[0\]\.port: 0 is not a port number between 1 and 65535/,
    ],
    [
      "a targetPort name no container declares",
      (s) => (s.ports[0].targetPort = "grpc"),
      /^ports\[0\]\.targetPort: no container of the selected pods declares a port named "grpc"/,
    ],
    [
      "an unnamed port among several",
      (s) => s.ports.push({ port: 81 }),
      /^ports\[1\]\.name: is required when a service has more than one port/,
    ],
    [
      "NodePort without nodePort",
      (s) => (s.type = "NodePort"),
      /^ports\[0\]\.nodePort: is required when type is NodePort/,
    ],
    [
      "nodePort on a ClusterIP service",
      (s) => (s.ports[0].nodePort = 30080),
      /^ports\[0\]\.nodePort: only applies when type is NodePort or LoadBalancer/,
    ],
    [
      "an unknown type",
      (s) => (s.type = "ExternalName"),
      /^type: "ExternalName" must be one of ClusterIP, NodePort, LoadBalancer, Headless/,
    ],
    [
      "a loadBalancerIP on a ClusterIP service",
      (s) => (s.loadBalancerIP = "127.0.0.5"),
      /^loadBalancerIP: only applies when type is LoadBalancer/,
    ],
    [
      "a loadBalancerIP that is not loopback",
      (s) => Object.assign(s, { type: "LoadBalancer", loadBalancerIP: "10.0.0.5" }),
      /^loadBalancerIP: "10.0.0.5" must be a loopback IPv4 address \(127.0.0.0\/8\)/,
    ],
    [
      "a loadBalancerIP of 127.0.0.1, where NodePorts go",
      (s) => Object.assign(s, { type: "LoadBalancer", loadBalancerIP: "127.0.0.1" }),
      /^loadBalancerIP: "127.0.0.1" is where NodePorts are published/,
    ],
    [
      "a LoadBalancer nodePort outside the range",
      (s) => Object.assign(s, { type: "LoadBalancer", ports: [{ port: 80, nodePort: 80 }] }),
      /^ports\[0\]\.nodePort: 80 is outside the network's serviceNodePortRange/,
    ],
    ["SCTP", (s) => (s.ports[0].protocol = "SCTP"), /^ports\[0\]\.protocol: "SCTP" must be TCP or UDP/],
    [
      "a timeout without affinity",
      (s) => (s.sessionAffinityTimeoutSeconds = 60),
      /^sessionAffinityTimeoutSeconds: only applies with sessionAffinity ClientIP/,
    ],
  ])("rejects %s, naming the field", (_what, mutate, expected) => {
    const svc = valid();
    mutate(svc);
    expect(problems(svc)).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
  });
  describe("nodePorts lie in the network's serviceNodePortRange, as in Kubernetes", () => {
    const nodePortService = (nodePort: unknown, network: Record<string, unknown> = {}) => ({
      ...valid(),
      ...network,
      type: "NodePort",
      ports: [{ port: 80, nodePort }],
    });
    it.each([30000, 30080, 32767])("accepts %d in Kubernetes' default range", (port) =>
      expect(problems(nodePortService(port))).toEqual([]),
    );
    it.each([1, 8080, 29999, 32768, 65535])("refuses %d outside the default range 30000-32767", (port) => {
      expect(problems(nodePortService(port))).toEqual([
        `ports[0].nodePort: ${port} is outside the network's serviceNodePortRange 30000-32767; choose a port in it, or widen serviceNodePortRange on the PodNetwork`,
      ]);
    });
    it("follows the range the network passes", () => {
      expect(problems(nodePortService(8080, { serviceNodePortRange: "8000-8100" }))).toEqual([]);
      expect(problems(nodePortService(30080, { serviceNodePortRange: "8000-8100" }))).toEqual([
        expect.stringMatching(/^ports\[0\]\.nodePort: 30080 is outside the network's serviceNodePortRange 8000-8100/),
      ]);
    });
    it("reports a port outside 1-65535 once", () => {
      expect(problems(nodePortService(70000))).toEqual([
        "ports[0].nodePort: 70000 is not a port number between 1 and 65535",
      ]);
    });
    it("leaves the range to up while the network's is unknown at preview", () => {
      expect(problems(nodePortService(8080, { serviceNodePortRange: UNKNOWN }))).toEqual([]);
    });
    it("defaults the publish addresses to loopback only", () => {
      expect(checkService(nodePortService(30080)).inputs).toMatchObject({
        serviceNodePortRange: "30000-32767",
        nodePortAddresses: ["127.0.0.1"],
      });
    });
  });
  it("cannot check named target ports while the endpoints are unknown at preview", () => {
    expect(problems({ ...valid(), endpoints: UNKNOWN, ports: [{ name: "x", port: 80, targetPort: "grpc" }] })).toEqual(
      [],
    );
  });
});
