// Fuzzing every kind's `check` (provider/*/check.ts): a valid declaration with random fields replaced by
// random and boundary values, and wholly random input bags. Whatever arrives, check must not throw, and
// every failure must name a field: a path of the kind's inputs whose parent exists in the input. These
// properties hold for every input, so a failure is a real bug (fast-check prints the seed and the input).
import * as fc from "fast-check";
import { checkCluster } from "../../provider/cluster/check";
import { CLUSTER_INPUTS } from "../../provider/cluster/diff-table";
import { CheckFailure, UNKNOWN } from "../../provider/check/failures";
import { NAMESPACE_INPUTS } from "../../provider/namespace/handlers";
import { checkNamespace } from "../../provider/namespace/check";
import { checkNetworkPolicy } from "../../provider/network-policy/check";
import { NETWORK_POLICY_INPUTS } from "../../provider/network-policy/diff-table";
import { checkPodNetwork } from "../../provider/pod-network/check";
import { POD_NETWORK_INPUTS } from "../../provider/pod-network/diff-table";
import { checkPod } from "../../provider/pod/check";
import { checkConfigMap, checkSecret } from "../../provider/config/check";
import { CONFIG_MAP_INPUTS, SECRET_INPUTS } from "../../provider/config/handlers";
import { POD_INPUTS, POD_PLACEMENT_INPUTS } from "../../provider/pod/diff-table";
import { checkService } from "../../provider/service/check";
import { SERVICE_INPUTS } from "../../provider/service/diff-table";

const RUNS = { numRuns: 500 };

type Path = Array<string | number>;
type Check = (news: Record<string, unknown>) => { failures: CheckFailure[] };

interface Kind {
  name: string;
  check: Check;
  inputs: readonly string[];
  /** A declaration that passes, with every optional field set, so that mutations reach every branch. */
  valid: () => Record<string, any>;
}

const image = "podling/busybox:1";
const KINDS: Kind[] = [
  {
    name: "Pod",
    check: checkPod,
    inputs: [...POD_INPUTS, ...POD_PLACEMENT_INPUTS],
    valid: () => ({
      network: "net",
      name: "web",
      namespace: "shop",
      labels: { app: "web" },
      annotations: { note: "x" },
      imagePullPolicy: "IfNotPresent",
      terminationGracePeriodSeconds: 5,
      restartPolicy: "Always",
      hostname: "web",
      readyTimeoutSeconds: 60,
      dnsConfig: {
        nameservers: ["10.0.0.53"],
        searches: ["example.internal"],
        options: [{ name: "ndots", value: "2" }],
      },
      volumes: [
        { name: "work", emptyDir: { medium: "Memory", sizeLimit: "8Mi" } },
        { name: "host", hostPath: { path: "/tmp/podling-fuzz", type: "DirectoryOrCreate" } },
        { name: "conf", configMap: { name: "settings", items: [{ key: "a.conf", path: "x/a.conf", mode: 0o600 }] } },
        { name: "creds", secret: { secretName: "creds", defaultMode: 0o400, optional: false } },
      ],
      configMaps: { "shop/settings": { data: { "a.conf": "x=1", LEVEL: "debug" }, binaryData: { b: "AP8=" } } },
      secrets: { "shop/creds": { binaryData: { password: "cHc=" } } },
      initContainers: [
        { name: "init", image, command: ["sh", "-c", "true"], volumeMounts: [{ name: "work", mountPath: "/work" }] },
      ],
      containers: [
        {
          name: "server",
          image,
          command: ["httpd"],
          args: ["-f"],
          workingDir: "/",
          env: { GREETING: "hi" },
          envFrom: [
            { prefix: "CFG_", configMapRef: { name: "settings" } },
            { secretRef: { name: "x", optional: true } },
          ],
          imagePullPolicy: "Never",
          ports: [{ name: "http", containerPort: 8080, protocol: "TCP", hostPort: 18080, hostIP: "127.0.0.1" }],
          resources: { limits: { cpu: "500m", memory: "64Mi" }, requests: { cpu: "100m", memory: "32Mi" } },
          volumeMounts: [
            { name: "work", mountPath: "/data", readOnly: true },
            { name: "host", mountPath: "/host" },
          ],
          readinessProbe: {
            httpGet: { path: "/", port: "http", scheme: "HTTP" },
            periodSeconds: 1,
            successThreshold: 2,
          },
          livenessProbe: { tcpSocket: { port: 8080 }, initialDelaySeconds: 1, timeoutSeconds: 1, failureThreshold: 3 },
          startupProbe: { exec: { command: ["true"] }, failureThreshold: 30 },
        },
        {
          name: "sidecar",
          image,
          env: [
            { name: "MODE", value: "a" },
            { name: "MODE", value: "b" },
            { name: "LEVEL", valueFrom: { configMapKeyRef: { name: "settings", key: "LEVEL" } } },
            { name: "PW", valueFrom: { secretKeyRef: { name: "creds", key: "password", optional: true } } },
            { name: "IP", valueFrom: { fieldRef: { fieldPath: "status.podIP", apiVersion: "v1" } } },
          ],
          volumeMounts: [
            { name: "conf", mountPath: "/etc/conf" },
            { name: "creds", mountPath: "/etc/creds", readOnly: true },
          ],
          readinessProbe: { tcpSocket: { port: 9000 } },
        },
      ],
    }),
  },
  {
    name: "Service",
    check: checkService,
    inputs: SERVICE_INPUTS,
    valid: () => ({
      network: "net",
      namespace: "shop",
      name: "web",
      selector: { app: "web" },
      type: "NodePort",
      ports: [
        { name: "http", port: 80, targetPort: "http", protocol: "TCP", nodePort: 30080 },
        { name: "dns", port: 53, targetPort: 53, protocol: "UDP", nodePort: 30053 },
      ],
      sessionAffinity: "ClientIP",
      sessionAffinityTimeoutSeconds: 600,
      endpoints: [{ pod: "shop/a", ip: "10.0.0.2", ready: true, namedPorts: { http: 8080 } }],
    }),
  },
  {
    name: "PodNetwork",
    check: checkPodNetwork,
    inputs: POD_NETWORK_INPUTS,
    valid: () => ({ name: "net", cidr: "10.244.0.0/16", internal: false, labels: { team: "a" } }),
  },
  {
    name: "NetworkPolicy",
    check: checkNetworkPolicy,
    inputs: NETWORK_POLICY_INPUTS,
    valid: () => ({
      network: "net",
      namespace: "shop",
      name: "web-in",
      podSelector: { app: "web" },
      policyTypes: ["Ingress", "Egress"],
      ingress: [
        {
          from: [
            { podSelector: { app: "client" }, namespaceSelector: { team: "a" } },
            {
              podSelector: { matchLabels: { app: "client" }, matchExpressions: [{ key: "tier", operator: "Exists" }] },
              namespaceSelector: {
                matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "NotIn", values: ["kube-system"] }],
              },
            },
            { ipBlock: { cidr: "10.0.0.0/8", except: ["10.1.0.0/16"] } },
          ],
          ports: [
            { port: "http", protocol: "TCP" },
            { port: 8000, endPort: 8100 },
          ],
        },
      ],
      egress: [{ to: [{ podSelector: { app: "db" } }], ports: [{ port: 5432, protocol: "TCP" }] }],
    }),
  },
  {
    name: "Namespace",
    check: checkNamespace,
    inputs: NAMESPACE_INPUTS,
    valid: () => ({ name: "shop", labels: { team: "a" } }),
  },
  {
    name: "ConfigMap",
    check: checkConfigMap,
    inputs: CONFIG_MAP_INPUTS,
    valid: () => ({ namespace: "shop", name: "settings", data: { "a.conf": "x=1" }, binaryData: { b: "AP8=" } }),
  },
  {
    name: "Secret",
    check: checkSecret,
    inputs: SECRET_INPUTS,
    valid: () => ({ namespace: "shop", name: "creds", type: "Opaque", data: { a: "cHc=" }, stringData: { b: "pw" } }),
  },
  {
    name: "Cluster",
    check: checkCluster,
    inputs: CLUSTER_INPUTS,
    valid: () => ({
      name: "lab",
      nodes: [
        { name: "n1", dockerHost: "unix:///var/run/n1.sock", advertiseAddr: "10.99.0.1" },
        { name: "n2", dockerHost: "tcp://10.99.0.2:2375", advertiseAddr: "10.99.0.2", insecure: true },
        { name: "n3", dockerHost: "ssh://root@10.99.0.3", advertiseAddr: "10.99.0.3" },
      ],
      managers: 3,
    }),
  },
];

/** Values at the edges of what any field accepts, and of what JSON and the engine can carry. */
const boundary = fc.constantFrom<unknown>(
  undefined,
  null,
  UNKNOWN,
  true,
  false,
  [],
  {},
  [null],
  { "": "" },
  "",
  " ",
  "a",
  "-",
  "..",
  "/",
  ":",
  ",",
  "\u0000",
  "\n",
  "ü",
  "🚀",
  "x".repeat(300),
  "__proto__",
  "constructor",
  "10.0.0.0/8",
  "10.244.0.1/16",
  "0.0.0.0/0",
  "fd00::/64",
  "300.1.1.1",
  "::1",
  0,
  -0,
  1,
  -1,
  0.5,
  65535,
  65536,
  2 ** 31,
  2 ** 53,
  Number.MAX_VALUE,
  Infinity,
  -Infinity,
  NaN,
  "0",
  "-1",
  "1e309",
  "64Mi",
  "-64Mi",
  "500m",
);
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  boundary,
  fc.anything({ maxDepth: 2 }),
  fc.string(),
  fc.integer(),
  fc.double(),
);

/** Every path in a value, the root excluded: each object key and array index, at any depth. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => [[...prefix, i], ...pathsOf(v, [...prefix, i])]);
  if (value !== null && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, [...prefix, k])]);
  return [];
}

function setAt(root: Record<string, any>, path: Path, value: unknown): void {
  let node: any = root;
  for (const key of path.slice(0, -1)) node = node[key];
  const last = path[path.length - 1];
  if (value === undefined && !Array.isArray(node)) delete node[last];
  else node[last] = value;
}

/** A valid declaration with one to four fields (or top-level inputs, present or not) replaced. */
function mutated(kind: Kind): fc.Arbitrary<Record<string, unknown>> {
  const paths = [...pathsOf(kind.valid()), ...kind.inputs.map((i) => [i])];
  return fc.array(fc.tuple(fc.constantFrom(...paths), anyValue), { minLength: 1, maxLength: 4 }).map((edits) => {
    const news = kind.valid();
    for (const [path, value] of edits) {
      try {
        setAt(news, path, value);
      } catch {
        // An earlier edit replaced a parent with a scalar: this path no longer exists.
      }
    }
    return news;
  });
}

/** An input bag of random values under the kind's input names. */
function randomBag(kind: Kind): fc.Arbitrary<Record<string, unknown>> {
  return fc.dictionary(fc.constantFrom(...kind.inputs), anyValue);
}

/** "containers[0].ports[1].name" and 'labels["app"]' into their segments; undefined when it is no path. */
function parsePath(property: string): Path | undefined {
  const segments: Path = [];
  const re = /^(?:([A-Za-z_$][\w$]*)|\.([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\])/;
  let rest = property;
  while (rest.length > 0) {
    const m = re.exec(rest);
    if (!m || (segments.length === 0 && !m[1]) || (segments.length > 0 && m[1])) return undefined;
    segments.push(m[1] ?? m[2] ?? (m[3] !== undefined ? Number(m[3]) : JSON.parse(m[4])));
    rest = rest.slice(m[0].length);
  }
  return segments.length > 0 ? segments : undefined;
}

function valueAt(root: unknown, path: Path): unknown {
  let node: any = root;
  for (const key of path) {
    if (node === null || typeof node !== "object" || !Object.prototype.hasOwnProperty.call(node, key)) return undefined;
    node = node[key];
  }
  return node;
}

/** Why a failure does not name a field of `news`, or undefined when it does. */
function notAField(kind: Kind, news: Record<string, unknown>, failure: CheckFailure): string | undefined {
  if (typeof failure.reason !== "string" || failure.reason === "") return "has no reason";
  if (typeof failure.property !== "string" || failure.property === "") return "names no property";
  const path = parsePath(failure.property);
  if (!path) return "is not a field path";
  if (!kind.inputs.includes(path[0] as string)) return `names ${path[0]}, which is not an input of ${kind.name}`;
  if (path.length > 1 && valueAt(news, path.slice(0, -1)) === undefined)
    return "names a field whose parent is not in the input";
  return undefined;
}

function holdsForEveryInput(kind: Kind, news: Record<string, unknown>): void {
  let failures: CheckFailure[];
  try {
    failures = kind.check(news).failures;
  } catch (err) {
    throw new Error(`check threw ${String(err)}`);
  }
  expect(Array.isArray(failures)).toBe(true);
  const unnamed = failures.flatMap((f) => {
    const why = notAField(kind, news, f);
    return why ? [`${JSON.stringify(f)} ${why}`] : [];
  });
  expect(unnamed).toEqual([]);
}

describe.each(KINDS)("check of $name under random and boundary input", (kind) => {
  it("accepts the valid declaration the fuzzing starts from", () => {
    expect(kind.check(kind.valid()).failures).toEqual([]);
  });

  it("never throws, and every failure names a field of the input, for a valid declaration with fields replaced", () => {
    fc.assert(
      fc.property(mutated(kind), (news) => holdsForEveryInput(kind, news)),
      RUNS,
    );
  });

  it("never throws, and every failure names a field of the input, for random input bags", () => {
    fc.assert(
      fc.property(randomBag(kind), (news) => holdsForEveryInput(kind, news)),
      RUNS,
    );
  });
});

describe("field paths in failures", () => {
  it.each<[string, Path | undefined]>([
    ["containers[0].ports[1].name", ["containers", 0, "ports", 1, "name"]],
    ['labels["app.kubernetes.io/name"]', ["labels", "app.kubernetes.io/name"]],
    ["cidr", ["cidr"]],
    ["", undefined],
    ["containers[", undefined],
    ["[0]", undefined],
    ["containers name", undefined],
  ])("%s", (property, path) => expect(parsePath(property)).toEqual(path));
});
