// Golden files of the cluster DNS records a service publishes (one hosts file per service).
import { addressesFor, namedAddressesFor } from "../../provider/service/handlers";
import {
  podDnsName,
  podDnsSearch,
  podRecordsFileName,
  recordsFileName,
  renderPodRecords,
  renderResolvConf,
  renderServiceRecords,
} from "../../provider/rules/dns-records";
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
  renderServiceRecords(s.namespace, s.name, addressesFor(s, clusterIP), namedAddressesFor(s));

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

  const named = spec({
    name: "db",
    type: "Headless",
    endpoints: [
      { pod: "shop/db-1", ip: "10.244.0.20", ready: true, hostname: "db-1" },
      { pod: "shop/db-0", ip: "10.244.1.21", ready: true, hostname: "db-0" },
      { pod: "shop/db-2", ip: "10.244.2.22", ready: false, hostname: "db-2" },
    ],
  });

  it("gives a headless service's ready pods with a hostname <hostname>.<service>, in name order", () => {
    expectGolden("dns-headless-hostnames.hosts", records(named, "None"));
  });

  it("gives hostnames no record under a service with a ClusterIP (Kubernetes publishes them for headless ones)", () => {
    expect(records({ ...named, type: "ClusterIP" }, "10.244.224.7")).toBe("10.244.224.7 db.shop.svc.cluster.local\n");
  });
});

describe("pod DNS records", () => {
  it("names a pod a-b-c-d.<namespace>.pod.cluster.local, in a file of its own", () => {
    expect(podDnsName("shop", "10.244.0.20")).toBe("10-244-0-20.shop.pod.cluster.local");
    expect(renderPodRecords("shop", "10.244.0.20")).toBe("10.244.0.20 10-244-0-20.shop.pod.cluster.local\n");
    expect(podRecordsFileName("shop", "web")).toBe("pod_shop_web");
  });

  it("keeps pod files apart from service files, whatever the names", () => {
    // "_" is in no Kubernetes name, so no namespace and name can make one file name of both kinds.
    expect(podRecordsFileName("a", "b")).not.toBe(recordsFileName("a", "b"));
    expect(podRecordsFileName("a-b", "c")).not.toBe(podRecordsFileName("a", "b-c"));
  });

  it("writes a pod's resolv.conf with the cluster DNS as its nameserver", () => {
    expect(
      renderResolvConf({
        Dns: ["10.244.224.1", "10.0.0.53"],
        DnsSearch: podDnsSearch("shop"),
        DnsOptions: ["ndots:5"],
      }),
    ).toBe(
      "nameserver 10.244.224.1\nnameserver 10.0.0.53\n" +
        "search shop.svc.cluster.local svc.cluster.local cluster.local\noptions ndots:5\n",
    );
  });
});
