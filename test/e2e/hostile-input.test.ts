// Hostile and bad programs: each must fail at `pulumi preview`, before anything is created, with an error
// that names the field. Nothing in them may reach a shell, another pod's namespace or the Docker socket.
import { freeCidr, managedObjects, requireDocker, uniqueName } from "../support/docker";
import { declare, TestStack, testStack } from "../support/pulumi";
import { TOOLBOX } from "../support/workloads";

jest.setTimeout(900_000);

type World = {
  networks: any[];
  pods: any[];
  services: any[];
  policies?: any[];
  configMaps?: any[];
  secrets?: any[];
};
type Case = [string, (w: World) => void, RegExp];

const main = () => ({
  name: "main",
  image: TOOLBOX,
  command: ["sh", "-c", "sleep 86400"],
  ports: [{ containerPort: 8080, name: "http" }],
});
const pod0 = (w: World) => w.pods[0];
const container0 = (w: World) => w.pods[0].containers[0];
const nodePortService = (nodePort: number) => ({
  resource: "svc",
  selector: { app: "p" },
  type: "NodePort",
  ports: [{ port: 80, targetPort: 8080, nodePort }],
});
const policy = (podSelector: unknown) => ({ resource: "np", namespace: "default", podSelector });
const mountHostPath = (w: World, path: string, type?: string) => {
  pod0(w).volumes = [{ name: "v", hostPath: { path, ...(type ? { type } : {}) } }];
  container0(w).volumeMounts = [{ name: "v", mountPath: "/v" }];
};

const cases: Case[] = [
  // Names with shell metacharacters or path traversal.
  [
    "a container name with shell metacharacters",
    (w) => (container0(w).name = "main;rm -rf /"),
    /containers\[0\]\.name[^\n]*"main;rm -rf \/" must consist of lower-case letters/,
  ],
  [
    "a container name with path traversal",
    (w) => (container0(w).name = "../../etc"),
    /containers\[0\]\.name[^\n]*must consist of lower-case letters/,
  ],
  [
    "a pod name with command substitution",
    (w) => (pod0(w).name = "$(reboot)"),
    /name[^\n]*"\$\(reboot\)" must consist of lower-case letters/,
  ],
  ["a namespace with a space", (w) => (pod0(w).namespace = "kube system"), /namespace[^\n]*"kube system" must consist/],
  [
    "a label value with backticks",
    (w) => (pod0(w).labels = { app: "`id`" }),
    /labels\["app"\][^\n]*value of "app" must be empty or 1-63 characters/,
  ],
  [
    "a label key with a slash and spaces",
    (w) => (pod0(w).labels = { "a b/c": "x" }),
    /labels[^\n]*key "a b\/c": the prefix before "\/" must be a DNS subdomain/,
  ],
  [
    "a hostPath with ..",
    (w) => mountHostPath(w, "/tmp/../etc"),
    /volumes\[0\]\.hostPath\.path[^\n]*must not contain "\." or "\.\." segments/,
  ],
  [
    "a mountPath with ..",
    (w) => (
      (pod0(w).volumes = [{ name: "v", emptyDir: {} }]),
      (container0(w).volumeMounts = [{ name: "v", mountPath: "/data/../../proc" }])
    ),
    /containers\[0\]\.volumeMounts\[0\]\.mountPath[^\n]*must not contain "\." or "\.\."/,
  ],
  [
    "a hostPath with a colon that would add a mount option",
    (w) => mountHostPath(w, "/tmp:/host:rw"),
    /volumes\[0\]\.hostPath\.path[^\n]*must not contain NUL, newline, ':' or ','/,
  ],
  [
    "the Docker socket mounted without saying so",
    (w) => mountHostPath(w, "/var/run/docker.sock"),
    /volumes\[0\]\.hostPath\.path[^\n]*is the Docker socket/,
  ],
  [
    "the Docker socket behind a doubled leading slash",
    (w) => mountHostPath(w, "//var/run/docker.sock"),
    /volumes\[0\]\.hostPath\.path[^\n]*is the Docker socket/,
  ],
  [
    "the Docker socket behind a doubled inner slash",
    (w) => mountHostPath(w, "/var//run/docker.sock"),
    /volumes\[0\]\.hostPath\.path[^\n]*is the Docker socket/,
  ],
  [
    "/run, which holds the Docker socket",
    (w) => mountHostPath(w, "/run"),
    /volumes\[0\]\.hostPath\.path[^\n]*contains the Docker socket/,
  ],
  [
    "/var/run, which holds the Docker socket",
    (w) => mountHostPath(w, "/var/run", "Directory"),
    /volumes\[0\]\.hostPath\.path[^\n]*contains the Docker socket/,
  ],
  [
    "the host's root, which holds the Docker socket",
    (w) => mountHostPath(w, "/"),
    /volumes\[0\]\.hostPath\.path[^\n]*contains the Docker socket/,
  ],
  [
    "an image reference with a shell command",
    (w) => (container0(w).image = "busybox; rm -rf /"),
    /containers\[0\]\.image[^\n]*contains white space/,
  ],
  [
    "a NUL byte in an argument",
    (w) => (container0(w).args = ["a\u0000b"]),
    /containers\[0\]\.args[^\n]*must not contain NUL characters/,
  ],
  // Sizes.
  [
    "10,000 labels",
    (w) => (pod0(w).labels = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, "v"]))),
    /labels[^\n]*has 10000 entries; at most 256 are allowed/,
  ],
  [
    "a 1 MB env value",
    (w) => (container0(w).env = { BIG: "x".repeat(1_000_000) }),
    /containers\[0\]\.env[^\n]*holds 1000005 bytes; at most 131072 fit/,
  ],
  // Unicode.
  ["a unicode pod name", (w) => (pod0(w).name = "pöd"), /name[^\n]*"pöd" must consist of lower-case letters/],
  [
    "an emoji container name",
    (w) => (container0(w).name = "🚀"),
    /containers\[0\]\.name[^\n]*must consist of lower-case letters/,
  ],
  [
    "a unicode env name",
    (w) => (container0(w).env = { ÜBER: "x" }),
    /containers\[0\]\.env[^\n]*"ÜBER" is not a valid environment variable name/,
  ],
  // Negative and huge numbers.
  [
    "a negative containerPort",
    (w) => (container0(w).ports[0].containerPort = -1),
    /containers\[0\]\.ports\[0\]\.containerPort[^\n]*-1 is not a port number/,
  ],
  [
    "a huge hostPort",
    (w) => (container0(w).ports[0].hostPort = 1e9),
    /containers\[0\]\.ports\[0\]\.hostPort[^\n]*1000000000 is not a port number/,
  ],
  [
    "a huge grace period",
    (w) => (pod0(w).terminationGracePeriodSeconds = 1e12),
    /terminationGracePeriodSeconds[^\n]*must be a whole number of seconds from 0 to 3600/,
  ],
  [
    "a negative readyTimeoutSeconds",
    (w) => (pod0(w).readyTimeoutSeconds = -5),
    /readyTimeoutSeconds[^\n]*-5 must be a whole number of seconds from 1 to 3600/,
  ],
  [
    "a negative memory limit",
    (w) => (container0(w).resources = { limits: { memory: "-64Mi" } }),
    /containers\[0\]\.resources\.limits\.memory[^\n]*is not a memory quantity/,
  ],
  [
    "a cpu limit of 1e309",
    (w) => (container0(w).resources = { limits: { cpu: "1e309" } }),
    /containers\[0\]\.resources\.limits\.cpu[^\n]*is not a CPU quantity/,
  ],
  [
    "a negative probe period",
    (w) => (container0(w).livenessProbe = { tcpSocket: { port: 8080 }, periodSeconds: -10 }),
    /containers\[0\]\.livenessProbe\.periodSeconds[^\n]*-10 must be a whole number from 1/,
  ],
  // IPv6 where IPv4 is expected.
  ["an IPv6 pod CIDR", (w) => (w.networks[0].cidr = "fd00:1::/64"), /cidr[^\n]*is IPv6; only IPv4 CIDRs are supported/],
  [
    "an IPv6 hostIP",
    (w) => ((container0(w).ports[0].hostPort = 18080), (container0(w).ports[0].hostIP = "::1")),
    /containers\[0\]\.ports\[0\]\.hostIP[^\n]*"::1" is not an IPv4 address/,
  ],
  [
    "an IPv6 nameserver",
    (w) => (pod0(w).dnsConfig = { nameservers: ["fd00::53"] }),
    /dnsConfig\.nameservers\[0\][^\n]*"fd00::53" is not an IPv4 address/,
  ],
  // Networks.
  [
    "overlapping CIDRs in one program",
    (w) =>
      w.networks.push({
        resource: "net2",
        name: `${w.networks[0].name}-b`,
        cidr: w.networks[0].cidr.replace(/\/\d+$/, "/25"),
      }),
    /overlaps/,
  ],
  ["a /32 network", (w) => (w.networks[0].cidr = w.networks[0].cidr.replace(/\/\d+$/, "/32")), /cidr[^\n]*\/32/],
  // NodePorts: Kubernetes' range, changeable per network; published only on host addresses Docker can bind.
  [
    "a nodePort outside Kubernetes' default range",
    (w) => w.services.push(nodePortService(18080)),
    /ports\[0\]\.nodePort[^\n]*18080 is outside the network's serviceNodePortRange 30000-32767/,
  ],
  [
    "a nodePort outside the network's own range",
    (w) => ((w.networks[0].serviceNodePortRange = "31000-31010"), w.services.push(nodePortService(30080))),
    /ports\[0\]\.nodePort[^\n]*30080 is outside the network's serviceNodePortRange 31000-31010/,
  ],
  [
    "a NodePort range past 65535",
    (w) => (w.networks[0].serviceNodePortRange = "30000-70000"),
    /serviceNodePortRange[^\n]*"30000-70000" must lie within 1-65535/,
  ],
  [
    "NodePorts published on a whole subnet",
    (w) => (w.networks[0].nodePortAddresses = ["192.168.0.0/16"]),
    /nodePortAddresses\[0\][^\n]*list the host's addresses one by one/,
  ],
  // Selectors that can match nothing.
  [
    "a service with an empty selector",
    (w) => w.services.push({ resource: "svc", selector: {}, ports: [{ port: 80 }] }),
    /selector[^\n]*is empty, so it would select no pods/,
  ],
  [
    "a service selector with a value no label can have",
    (w) => w.services.push({ resource: "svc", selector: { app: "no such value!" }, ports: [{ port: 80 }] }),
    /selector\["app"\][^\n]*value of "app" must be empty or 1-63 characters/,
  ],
  [
    "a selector requirement In without values",
    (w) => (w.policies = [policy({ matchExpressions: [{ key: "app", operator: "In" }] })]),
    /podSelector\.matchExpressions\[0\]\.values[^\n]*must be non-empty when operator is In/,
  ],
  [
    "a selector requirement with an unknown operator",
    (w) => (w.policies = [policy({ matchExpressions: [{ key: "app", operator: "Matches", values: ["p.*"] }] })]),
    /podSelector\.matchExpressions\[0\]\.operator[^\n]*"Matches" is not an operator/,
  ],
  [
    "a selector requirement Exists with values",
    (w) => (w.policies = [policy({ matchExpressions: [{ key: "app", operator: "Exists", values: ["p"] }] })]),
    /podSelector\.matchExpressions\[0\]\.values[^\n]*must be empty when operator is Exists/,
  ],
  // A probe's numeric port need not be declared, as in Kubernetes; a name must be its own container's port.
  [
    "a probe naming a port of another container",
    (w) =>
      pod0(w).containers.push({ ...main(), name: "side", ports: [], readinessProbe: { tcpSocket: { port: "http" } } }),
    /containers\[1\]\.readinessProbe\.tcpSocket\.port[^\n]*"http" is not the name of one of this container's ports/,
  ],
  // ConfigMaps and Secrets: names, keys and base64 as Kubernetes has them, and references that must hold.
  [
    "an env entry naming a Secret the program does not declare",
    (w) => (container0(w).env = [{ name: "TOKEN", valueFrom: { secretKeyRef: { name: "s", key: "k" } } }]),
    /containers\[0\]\.env\[0\]\.valueFrom\.secretKeyRef[^\n]*pod default\/p: Secret default\/s is not declared/,
  ],
  [
    "an env entry naming a key its ConfigMap does not hold",
    (w) => (
      (w.configMaps = [{ resource: "cm", name: "settings", data: { level: "debug" } }]),
      (container0(w).env = [{ name: "L", valueFrom: { configMapKeyRef: { name: "settings", key: "levle" } } }])
    ),
    /containers\[0\]\.env\[0\]\.valueFrom\.configMapKeyRef[^\n]*ConfigMap default\/settings has no key "levle"/,
  ],
  [
    "a secret volume item naming a missing key",
    (w) => (
      (w.secrets = [{ resource: "sec", name: "creds", stringData: { user: "u" } }]),
      (pod0(w).volumes = [{ name: "v", secret: { secretName: "creds", items: [{ key: "pass", path: "p" }] } }])
    ),
    /volumes\[0\]\.secret\.items\[0\]\.key[^\n]*Secret default\/creds has no key "pass"/,
  ],
  [
    "a ConfigMap key with a path separator",
    (w) => (w.configMaps = [{ resource: "cm", name: "settings", data: { "../etc/passwd": "x" } }]),
    /data[^\n]*key "..\/etc\/passwd" must consist of letters, digits, '-', '_' or '.'/,
  ],
  [
    "a ConfigMap key that is '..'",
    (w) => (w.configMaps = [{ resource: "cm", name: "settings", data: { "..": "x" } }]),
    /data[^\n]*key ".." must not be '.' or '..', nor start with '..'/,
  ],
  [
    "a Secret whose data is not base64",
    (w) => (w.secrets = [{ resource: "sec", name: "creds", data: { pass: "not base64!" } }]),
    /data\["pass"\][^\n]*is not base64/,
  ],
  [
    "an envFrom entry with both configMapRef and secretRef",
    (w) => (container0(w).envFrom = [{ configMapRef: { name: "a" }, secretRef: { name: "b" } }]),
    /containers\[0\]\.envFrom\[0\][^\n]*must have exactly one of configMapRef and secretRef/,
  ],
  [
    "a configMap volume item path with ..",
    (w) => (pod0(w).volumes = [{ name: "v", configMap: { name: "c", items: [{ key: "k", path: "../../etc/x" }] } }]),
    /volumes\[0\]\.configMap\.items\[0\]\.path[^\n]*must not contain '\.\.'/,
  ],
  [
    "a fieldRef to a field Podling does not provide",
    (w) => (container0(w).env = [{ name: "N", valueFrom: { fieldRef: { fieldPath: "spec.nodeName" } } }]),
    /containers\[0\]\.env\[0\]\.valueFrom\.fieldRef\.fieldPath[^\n]*"spec\.nodeName" must be one of/,
  ],
];

/**
 * The (field, reason) pairs a failed preview reports: check failures as the engine prints them, and the
 * SDK's checks across resources of one program (`PodNetwork "net2": cidr ... overlaps ...`).
 */
function rejections(message: string): string[] {
  const fromCheck = [...message.matchAll(/property (\S+) (?:value \{.*?\} )?has a problem: (.*)$/gm)];
  const fromProgram = [...message.matchAll(/(?:Pod|PodNetwork|Service|NetworkPolicy|Cluster) "[^"]+": (\S+) (.*)$/gm)];
  return [...fromCheck, ...fromProgram].map((m) => `${m[1]}: ${m[2]}`);
}

describe("hostile input fails at preview, naming the field", () => {
  const network = uniqueName("e2e-hostile");
  const NOTHING = { containers: [], networks: [], volumes: [] };
  /** Every Docker object labelled with a network name the cases use (one case declares a second network). */
  const onDocker = async () => [await managedObjects(network), await managedObjects(`${network}-b`)];
  const distinct = new Set<string>();
  let cidr: string;
  let t: TestStack;
  const validWorld = (): World => ({
    networks: [{ resource: "net", name: network, cidr }],
    pods: [{ resource: "p", name: "p", labels: { app: "p" }, containers: [main()] }],
    services: [],
  });

  beforeAll(async () => {
    await requireDocker();
    cidr = await freeCidr();
    t = await testStack("from-config", {});
    expect(await onDocker()).toEqual([NOTHING, NOTHING]);
  });
  afterAll(() => t?.dispose().catch(() => undefined));

  it.each(cases)("%s", async (_what, mutate, expected) => {
    const world = validWorld();
    mutate(world);
    await declare(t, world);
    const failure = await t.stack.preview().then(
      () => undefined,
      (err: Error) => err,
    );
    expect(failure?.message).toMatch(expected);
    const own = rejections(failure!.message).filter((r) => expected.test(r));
    expect(own).not.toEqual([]);
    own.forEach((r) => distinct.add(r));
    // Docker holds nothing labelled with the test's networks: the preview created nothing.
    expect(await onDocker()).toEqual([NOTHING, NOTHING]);
  });

  it("rejects at least 53 distinct (field, reason) pairs", () => {
    console.log(`hostile input: ${cases.length} programs, ${distinct.size} distinct rejections`);
    expect(distinct.size).toBeGreaterThanOrEqual(53);
  });

  it("the Docker check above sees what an up of the valid program creates, and nothing after destroy", async () => {
    await declare(t, validWorld());
    await t.stack.up();
    const [made] = await onDocker();
    expect({ networks: made.networks, containers: made.containers.length > 0 }).toEqual({
      networks: [network],
      containers: true,
    });
    await t.stack.destroy();
    expect(await onDocker()).toEqual([NOTHING, NOTHING]);
  });
});
