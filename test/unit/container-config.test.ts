import type { PodSpec } from "../../core/types";
import { capabilitySettings, commandLine, dockerRestartPolicy } from "../../provider/pod/container-config";
import { checkPod } from "../../provider/pod/check";
import { sandboxConfig } from "../../provider/pod/sandbox-config";
import { layoutOf } from "../../core/cidr";

describe("commandLine: Kubernetes' command and args over the image's ENTRYPOINT and CMD", () => {
  const image = { entrypoint: ["/entry"], cmd: ["--default"] };
  it.each<[string, { command?: string[]; args?: string[] }, string[]]>([
    ["neither: the image's own", {}, ["/entry", "--default"]],
    ["args only: image entrypoint with the args", { args: ["--x"] }, ["/entry", "--x"]],
    ["command only: the image's CMD is dropped", { command: ["/bin/app"] }, ["/bin/app"]],
    ["both", { command: ["/bin/app"], args: ["--y"] }, ["/bin/app", "--y"]],
  ])("%s", (_what, container, expected) =>
    expect(commandLine({ name: "c", image: "i", ...container }, image)).toEqual(expected),
  );
});

describe("dockerRestartPolicy", () => {
  it.each([
    ["Always", "unless-stopped"],
    ["OnFailure", "on-failure"],
    ["Never", "no"],
  ] as const)("%s -> %s", (policy, docker) => expect(dockerRestartPolicy(policy).Name).toBe(docker));
});

describe("the sandbox's resolver settings", () => {
  const spec = (extra: Partial<PodSpec> = {}): PodSpec => ({
    network: "net",
    namespace: "shop",
    name: "web",
    labels: {},
    annotations: {},
    terminationGracePeriodSeconds: 30,
    restartPolicy: "Always",
    readyTimeoutSeconds: 300,
    containers: [{ name: "c", image: "i" }],
    ...extra,
  });

  it("uses the cluster DNS and the Kubernetes search path by default", () => {
    const config = sandboxConfig(spec(), "10.1.0.5", layoutOf("10.1.0.0/24"));
    expect(config.Hostname).toBe("web");
    expect(config.HostConfig).toMatchObject({
      Dns: ["10.1.0.224"],
      DnsSearch: ["shop.svc.cluster.local", "svc.cluster.local", "cluster.local"],
      DnsOptions: ["ndots:5"],
    });
  });

  it("adds dnsConfig after the cluster's settings, an option replacing the one of the same name", () => {
    const config = sandboxConfig(
      spec({
        hostname: "front",
        dnsConfig: {
          nameservers: ["10.9.9.9"],
          searches: ["corp.example", "cluster.local"],
          options: [{ name: "ndots", value: "2" }, { name: "edns0" }],
        },
      }),
      "10.1.0.5",
      layoutOf("10.1.0.0/24"),
    );
    expect(config.Hostname).toBe("front");
    expect(config.HostConfig).toMatchObject({
      Dns: ["10.1.0.224", "10.9.9.9"],
      DnsSearch: ["shop.svc.cluster.local", "svc.cluster.local", "cluster.local", "corp.example"],
      DnsOptions: ["ndots:2", "edns0"],
    });
    expect(config.Env).toEqual([
      "PODLING_RESOLV_CONF=nameserver 10.1.0.224\nnameserver 10.9.9.9\n" +
        "search shop.svc.cluster.local svc.cluster.local cluster.local corp.example\noptions ndots:2 edns0\n",
    ]);
  });

  it("has the sandbox write those settings as the pod's resolv.conf, naming the cluster DNS, not Docker's resolver", () => {
    const config = sandboxConfig(spec(), "10.1.0.5", layoutOf("10.1.0.0/24"));
    expect(config.Entrypoint?.[2]).toMatch(/^printf "%s" "\$PODLING_RESOLV_CONF" > \/etc\/resolv.conf \|\| exit 1; /);
    expect(config.Env).toEqual([
      "PODLING_RESOLV_CONF=nameserver 10.1.0.224\n" +
        "search shop.svc.cluster.local svc.cluster.local cluster.local\noptions ndots:5\n",
    ]);
  });

  it("leaves Docker's resolver and the image's command to a network too small for a cluster DNS", () => {
    const config = sandboxConfig(spec(), "10.1.0.5", layoutOf("10.1.0.0/28"));
    expect(config.Entrypoint).toBeUndefined();
    expect(config.Env).toBeUndefined();
  });

  it("gives a pod with a subdomain the domain <subdomain>.<ns>.svc.cluster.local, and others none", () => {
    const layout = layoutOf("10.1.0.0/24");
    expect(sandboxConfig(spec({ subdomain: "db" }), "10.1.0.5", layout).Domainname).toBe("db.shop.svc.cluster.local");
    expect(sandboxConfig(spec(), "10.1.0.5", layout).Domainname).toBeUndefined();
  });
});

describe("capabilities", () => {
  const container = (capabilities?: { add?: string[]; drop?: string[] }) => ({
    name: "c",
    image: "i",
    ...(capabilities ? { securityContext: { capabilities } } : {}),
  });
  it("drops NET_RAW by default, and keeps it when added", () => {
    expect(capabilitySettings(container())).toEqual({ CapDrop: ["NET_RAW"] });
    expect(capabilitySettings(container({ add: ["NET_RAW", "SYS_TIME"] }))).toEqual({
      CapAdd: ["NET_RAW", "SYS_TIME"],
      CapDrop: [],
    });
    expect(capabilitySettings(container({ drop: ["ALL"] }))).toEqual({ CapDrop: ["NET_RAW", "ALL"] });
  });
  it("check names each bad capability by its field", () => {
    const { failures } = checkPod({
      network: "n",
      name: "p",
      containers: [
        { name: "a", image: "i", securityContext: { capabilities: { add: ["CAP_NET_ADMIN", "FLY"], keep: [] } } },
        { name: "b", image: "i", securityContext: { runAsUser: 0 } },
      ],
    });
    expect(failures).toEqual([
      { property: "containers[0].securityContext.capabilities.keep", reason: "is not a field; use add or drop" },
      {
        property: "containers[0].securityContext.capabilities.add[0]",
        reason: 'write "NET_ADMIN", as Kubernetes names capabilities',
      },
      {
        property: "containers[0].securityContext.capabilities.add[1]",
        reason: '"FLY" is not a Linux capability (NET_ADMIN, NET_RAW, SYS_TIME, ...)',
      },
      { property: "containers[1].securityContext.runAsUser", reason: "is not supported; only capabilities is" },
    ]);
  });
});
