import { checkPod } from "../../provider/pod/check";
import { UNKNOWN } from "../../provider/check/failures";

const valid = () => ({
  network: "net",
  name: "web",
  containers: [
    {
      name: "server",
      image: "podling/busybox:1",
      ports: [{ containerPort: 8080 }],
      env: { GREETING: "hi" },
      resources: { limits: { cpu: "250m", memory: "32Mi" } },
    },
    { name: "sidecar", image: "podling/busybox:1" },
  ],
});

function failuresOf(news: Record<string, unknown>) {
  return checkPod(news).failures.map((f) => `${f.property}: ${f.reason}`);
}

describe("checkPod", () => {
  it("accepts a valid pod and fills Kubernetes defaults", () => {
    const { inputs, failures } = checkPod(valid());
    expect(failures).toEqual([]);
    expect(inputs.namespace).toBe("default");
    expect(inputs.labels).toEqual({});
    expect(inputs.terminationGracePeriodSeconds).toBe(30);
    expect(inputs.containers[0].ports).toEqual([{ containerPort: 8080, protocol: "TCP" }]);
  });

  it("returns the same inputs when checked twice, so diffs stay quiet", () => {
    const once = checkPod(valid()).inputs;
    expect(checkPod(once as unknown as Record<string, unknown>).inputs).toEqual(once);
  });

  it.each<[string, (p: any) => void, RegExp]>([
    ["missing container name", (p) => delete p.containers[0].name, /^containers\[0\]\.name: is required/],
    [
      "duplicate container name",
      (p) => (p.containers[1].name = "server"),
      /^containers\[1\]\.name: duplicate container name "server"/,
    ],
    [
      "empty image",
      (p) => (p.containers[0].image = " "),
      /^containers\[0\]\.image: must be a non-empty image reference/,
    ],
    [
      "port 0",
      (p) => (p.containers[0].ports[0].containerPort = 0),
      /^containers\[0\]\.ports\[0\]\.containerPort: 0 is not a port number/,
    ],
    [
      "port 70000",
      (p) => (p.containers[0].ports[0].containerPort = 70000),
      /containerPort: 70000 is not a port number between 1 and 65535/,
    ],
    [
      "hostPort 0",
      (p) => (p.containers[0].ports[0].hostPort = 0),
      /^containers\[0\]\.ports\[0\]\.hostPort: 0 is not a port number/,
    ],
    [
      "two containers on one port",
      (p) => (p.containers[1].ports = [{ containerPort: 8080, protocol: "TCP" }]),
      /^containers\[1\]\.ports\[0\]\.containerPort: 8080\/TCP is already declared by containers\[0\]\.ports\[0\]; the containers of a pod share one network namespace/,
    ],
    [
      "unknown protocol",
      (p) => (p.containers[0].ports[0].protocol = "ICMP"),
      /protocol: "ICMP" must be one of TCP, UDP, SCTP/,
    ],
    ["invalid label key", (p) => (p.labels = { "bad key!": "x" }), /^labels: key "bad key!"/],
    ["invalid label value", (p) => (p.labels = { app: "no spaces" }), /^labels\["app"\]: value of "app"/],
    [
      "invalid env name",
      (p) => (p.containers[0].env = { "1BAD": "x" }),
      /^containers\[0\]\.env: "1BAD" is not a valid environment variable name/,
    ],
    [
      "an env list entry naming a Secret the program does not declare",
      (p) =>
        (p.containers[0].env = [
          { name: "A", value: "1" },
          { name: "B", valueFrom: { secretKeyRef: { name: "s", key: "k" } } },
        ]),
      /^containers\[0\]\.env\[1\]\.valueFrom\.secretKeyRef: pod default\/web: Secret default\/s is not declared/,
    ],
    [
      "an env list entry without a name",
      (p) => (p.containers[0].env = [{ value: "1" }]),
      /^containers\[0\]\.env\[0\]\.name: is required/,
    ],
    [
      "an env list entry with an invalid name",
      (p) => (p.containers[0].env = [{ name: "1BAD", value: "1" }]),
      /^containers\[0\]\.env\[0\]\.name: "1BAD" is not a valid environment variable name/,
    ],
    [
      "an env list entry with a number for a value",
      (p) => (p.containers[0].env = [{ name: "A", value: 1 }]),
      /^containers\[0\]\.env\[0\]\.value: must be a string/,
    ],
    [
      "an env list entry with a field Podling does not know",
      (p) => (p.containers[0].env = [{ name: "A", vaule: "1" }]),
      /^containers\[0\]\.env\[0\]\["vaule"\]: is not a field of an env entry/,
    ],
    [
      "an env list entry that is not an object",
      (p) => (p.containers[0].env = ["A=1"]),
      /^containers\[0\]\.env\[0\]: must be an object with name and value/,
    ],
    [
      "env that is neither a map nor a list",
      (p) => (p.containers[0].env = "A=1"),
      /^containers\[0\]\.env: must be a map of names to string values, or a list of \{ name, value \}/,
    ],
    [
      "env name with =",
      (p) => (p.containers[0].env = { "A=B": "x" }),
      /"A=B" is not a valid environment variable name/,
    ],
    [
      "bad cpu",
      (p) => (p.containers[0].resources.limits.cpu = "lots"),
      /^containers\[0\]\.resources\.limits\.cpu: "lots" is not a CPU quantity/,
    ],
    [
      "bad memory",
      (p) => (p.containers[0].resources.limits.memory = "64mb"),
      /^containers\[0\]\.resources\.limits\.memory: "64mb" is not a memory quantity/,
    ],
    [
      "memory under Docker's minimum",
      (p) => (p.containers[0].resources.limits.memory = "1Mi"),
      /below Docker's minimum of 6Mi/,
    ],
    [
      "request above limit",
      (p) => (p.containers[0].resources.requests = { cpu: "1" }),
      /^containers\[0\]\.resources\.requests\.cpu: must not exceed limits\.cpu/,
    ],
    ["pod name with capitals", (p) => (p.name = "Web"), /^name: "Web" must consist of lower-case letters/],
    ["namespace with underscore", (p) => (p.namespace = "my_ns"), /^namespace: "my_ns"/],
    ["no containers", (p) => (p.containers = []), /^containers: a pod needs at least one container/],
    [
      "bad pull policy",
      (p) => (p.imagePullPolicy = "Sometimes"),
      /^imagePullPolicy: "Sometimes" must be one of Always, IfNotPresent, Never/,
    ],
    [
      "relative workingDir",
      (p) => (p.containers[0].workingDir = "tmp"),
      /^containers\[0\]\.workingDir: must be an absolute path/,
    ],
    ["negative grace period", (p) => (p.terminationGracePeriodSeconds = -1), /^terminationGracePeriodSeconds: -1/],
    [
      "duplicate port names",
      (p) => p.containers[0].ports.push({ containerPort: 1, name: "http" }, { containerPort: 2, name: "http" }),
      /duplicate port name "http"/,
    ],
  ])("rejects %s, naming the field", (_what, mutate, expected) => {
    const pod = valid();
    mutate(pod);
    expect(failuresOf(pod)).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
  });

  it("rejects annotations over Kubernetes' 256 KiB in total, and accepts exactly 256 KiB", () => {
    // Four values of 64 KiB, keys included: 262,144 bytes is the limit itself.
    const annotations = (extra: number) =>
      Object.fromEntries(["a", "b", "c", "d"].map((k, i) => [k, "x".repeat(64 * 1024 - 1 + (i === 0 ? extra : 0))]));
    expect(failuresOf({ ...valid(), annotations: annotations(0) })).toEqual([]);
    expect(failuresOf({ ...valid(), annotations: annotations(1) })).toEqual([
      expect.stringMatching(/^annotations: hold 262145 bytes in keys and values; at most 262144 \(256 KiB\)/),
    ]);
  });

  it("reports every problem at once", () => {
    const pod: any = valid();
    pod.containers[0].image = "";
    pod.containers[1].name = "BAD";
    expect(failuresOf(pod)).toHaveLength(2);
  });

  it("lets values unknown at preview pass", () => {
    const pod: any = valid();
    pod.network = UNKNOWN;
    pod.containers[0].env = { TOKEN: UNKNOWN };
    pod.containers[1].image = UNKNOWN;
    expect(failuresOf(pod)).toEqual([]);
  });
});
