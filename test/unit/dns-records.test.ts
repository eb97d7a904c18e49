// Golden files of the cluster DNS records a service publishes (one hosts file per service).
import { addressesFor } from "../../provider/service/handlers";
import { podDnsSearch, recordsFileName, renderServiceRecords } from "../../provider/rules/dns-records";
import type { ServiceSpec } from "../../core/types";
import { expectGolden } from "../support/golden";

const spec = (over: Partial<ServiceSpec>): ServiceSpec => ({
  network: "net",
  namespace: "shop",
  name: "api",
  selector: { app: "api" },
  type: "ClusterIP",
  sessionAffinity: "None",
  ports: [{ name: "grpc", port: 9090, targetPort: "grpc", protocol: "TCP" }],
  endpoints: [
    { pod: "shop/api-2", ip: "10.244.1.21", ready: true },
    { pod: "shop/api-1", ip: "10.244.0.20", ready: true },
    { pod: "shop/api-3", ip: "10.244.2.22", ready: false },
  ],
  ...over,
});
const records = (s: ServiceSpec, clusterIP: string) =>
  renderServiceRecords(s.namespace, s.name, addressesFor(s, clusterIP));

describe("service DNS records", () => {
  it.each<[string, string, Partial<ServiceSpec>]>([
    ["its ClusterIP for a ClusterIP service", "dns-clusterip.hosts", {}],
    ["its ClusterIP for a NodePort service", "dns-clusterip.hosts", { type: "NodePort" }],
    ["the ready endpoints of a headless service, in address order", "dns-headless.hosts", { type: "Headless" }],
  ])("resolves to %s", (_what, golden, over) => {
    expectGolden(golden, records(spec(over), over.type === "Headless" ? "None" : "10.244.224.7"));
  });

  it("withdraws every record of a headless service without ready endpoints", () => {
    expect(
      records(spec({ type: "Headless", endpoints: [{ pod: "shop/api-3", ip: "10.244.2.22", ready: false }] }), "None"),
    ).toBe("");
  });

  it("keeps one hosts file per service, and a search path that makes short names resolve", () => {
    expect(recordsFileName("shop", "api")).toBe("svc.shop.api");
    expect(podDnsSearch("shop")).toEqual(["shop.svc.cluster.local", "svc.cluster.local", "cluster.local"]);
  });
});
