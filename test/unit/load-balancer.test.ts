// LoadBalancer services: each gets a loopback address of its own, where its ports are published as they are.
import { firstFreeLoadBalancerIP, loadBalancerIPProblem } from "../../core/load-balancer";
import { checkService } from "../../provider/service/check";
import { routerConfig } from "../../provider/service/router";
import { rememberLoadBalancerIP } from "../../sdk/service";
import type { ServiceSpec } from "../../core/types";

const spec = (over: Partial<ServiceSpec> = {}): ServiceSpec => ({
  network: "net",
  namespace: "default",
  name: "web",
  selector: { app: "web" },
  type: "LoadBalancer",
  ports: [{ name: "http", port: 80, targetPort: 8080, protocol: "TCP" }],
  sessionAffinity: "None",
  endpoints: [],
  ...over,
});

describe("LoadBalancer addresses", () => {
  it("gives the lowest loopback address no one holds, never 127.0.0.1", () => {
    expect(firstFreeLoadBalancerIP(new Set())).toBe("127.0.0.2");
    expect(firstFreeLoadBalancerIP(new Set(["127.0.0.2", "127.0.0.3", "127.0.0.5"]))).toBe("127.0.0.4");
    const all = new Set(Array.from({ length: 253 }, (_, i) => `127.0.0.${i + 2}`));
    expect(firstFreeLoadBalancerIP(all)).toBeUndefined();
  });

  it("accepts a loopback address and refuses anything the host alone would not reach", () => {
    expect(loadBalancerIPProblem("127.0.0.5")).toBeUndefined();
    expect(loadBalancerIPProblem("127.1.2.3")).toBeUndefined();
    expect(loadBalancerIPProblem("10.0.0.5")).toMatch(/must be a loopback IPv4 address/);
    expect(loadBalancerIPProblem("::1")).toMatch(/must be a loopback IPv4 address/);
    expect(loadBalancerIPProblem("127.0.0.1")).toMatch(/where NodePorts are published/);
    expect(loadBalancerIPProblem("127.255.255.255")).toMatch(/is not a host address/);
  });

  it("check accepts a LoadBalancer with neither nodePort nor loadBalancerIP", () => {
    const { failures, inputs } = checkService({ ...spec(), ports: [{ port: 80 }] });
    expect(failures).toEqual([]);
    expect(inputs.type).toBe("LoadBalancer");
  });

  it("publishes every port as it is on the service's address, beside its nodePort", () => {
    const config = routerConfig(
      spec({
        ports: [
          { name: "http", port: 80, targetPort: 8080, protocol: "TCP", nodePort: 30080 },
          { name: "dns", port: 53, targetPort: 53, protocol: "UDP" },
        ],
      }),
      "10.0.0.200",
      "127.0.0.7",
    );
    expect(config.HostConfig?.PortBindings).toEqual({
      "80/tcp": [
        { HostIp: "127.0.0.1", HostPort: "30080" },
        { HostIp: "127.0.0.7", HostPort: "80" },
      ],
      "53/udp": [{ HostIp: "127.0.0.7", HostPort: "53" }],
    });
    expect(config.Labels?.["podling.io/load-balancer-ip"]).toBe("127.0.0.7");
  });

  it("publishes nothing for a ClusterIP service", () => {
    const config = routerConfig(spec({ type: "ClusterIP" }), "10.0.0.200");
    expect(config.HostConfig?.PortBindings).toEqual({});
    expect(config.Labels?.["podling.io/load-balancer-ip"]).toBeUndefined();
  });

  it("refuses one address asked for by two services of a program", () => {
    rememberLoadBalancerIP("a", "127.0.0.9");
    expect(() => rememberLoadBalancerIP("b", "127.0.0.9")).toThrow(
      'Service "b": loadBalancerIP 127.0.0.9 is already asked for by Service "a" in this program',
    );
    expect(() => rememberLoadBalancerIP("c", "127.0.0.10")).not.toThrow();
  });
});
