import { checkPod } from "../../provider/pod/check";

const valid = (): any => ({
  network: "net",
  name: "web",
  volumes: [
    { name: "work", emptyDir: {} },
    { name: "config", hostPath: { path: "/srv/config" } },
  ],
  initContainers: [
    {
      name: "setup",
      image: "podling/busybox:1",
      command: ["sh", "-c", "true"],
      volumeMounts: [{ name: "work", mountPath: "/work" }],
    },
  ],
  containers: [
    {
      name: "server",
      image: "podling/busybox:1",
      ports: [{ containerPort: 8080, name: "http" }],
      volumeMounts: [{ name: "work", mountPath: "/data", readOnly: true }],
      readinessProbe: { httpGet: { port: "http" } },
      livenessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 5 },
      startupProbe: { exec: { command: ["test", "-f", "/tmp/up"] } },
    },
    { name: "sidecar", image: "podling/busybox:1", readinessProbe: { tcpSocket: { port: 8080 } } },
  ],
});

function failuresOf(news: Record<string, unknown>) {
  return checkPod(news).failures.map((f) => `${f.property}: ${f.reason}`);
}

describe("checkPod: lifecycle fields", () => {
  it("accepts a full pod, fills Kubernetes' defaults and resolves named probe ports", () => {
    const { inputs, failures } = checkPod(valid());
    expect(failures).toEqual([]);
    expect(inputs.restartPolicy).toBe("Always");
    expect(inputs.readyTimeoutSeconds).toBe(300);
    expect(inputs.containers[0].readinessProbe).toEqual({
      httpGet: { port: 8080, path: "/", scheme: "HTTP" },
      initialDelaySeconds: 0,
      periodSeconds: 10,
      timeoutSeconds: 1,
      failureThreshold: 3,
      successThreshold: 1,
    });
    expect(inputs.containers[0].volumeMounts).toEqual([{ name: "work", mountPath: "/data", readOnly: true }]);
  });

  it("accepts a numeric probe port that no container declares, as Kubernetes does", () => {
    const pod = valid();
    pod.containers[0].livenessProbe.tcpSocket.port = 9090;
    pod.containers[1].readinessProbe = { httpGet: { port: 9091, path: "/healthz" } };
    const { inputs, failures } = checkPod(pod);
    expect(failures).toEqual([]);
    expect(inputs.containers[0].livenessProbe?.tcpSocket?.port).toBe(9090);
    expect(inputs.containers[1].readinessProbe?.httpGet?.port).toBe(9091);
  });

  it("still refuses a named probe port of another container of the pod", () => {
    const pod = valid();
    pod.containers[1].readinessProbe = { tcpSocket: { port: "http" } };
    expect(failuresOf(pod)).toEqual([
      'containers[1].readinessProbe.tcpSocket.port: "http" is not the name of one of this container\'s ports',
    ]);
  });

  it("returns the same inputs when checked twice, so diffs stay quiet", () => {
    const once = checkPod(valid()).inputs;
    expect(checkPod(once as unknown as Record<string, unknown>).inputs).toEqual(once);
  });

  it.each<[string, (p: any) => void, RegExp]>([
    [
      "a volumeMount naming an unknown volume",
      (p) => (p.containers[0].volumeMounts[0].name = "cache"),
      /^containers\[0\]\.volumeMounts\[0\]\.name: "cache" is not one of the pod's volumes/,
    ],
    [
      "a probe with no handler",
      (p) => (p.containers[0].livenessProbe = { periodSeconds: 5 }),
      /^containers\[0\]\.livenessProbe: needs exactly one handler: exec, httpGet or tcpSocket/,
    ],
    [
      "a probe with two handlers",
      (p) => (p.containers[0].livenessProbe = { tcpSocket: { port: 8080 }, httpGet: { port: 8080 } }),
      /^containers\[0\]\.livenessProbe: has httpGet and tcpSocket; a probe takes exactly one handler/,
    ],
    [
      "a probe port name not declared",
      (p) => (p.containers[0].readinessProbe.httpGet.port = "metrics"),
      /^containers\[0\]\.readinessProbe\.httpGet\.port: "metrics" is not the name of one of this container's ports/,
    ],
    [
      "a negative period",
      (p) => (p.containers[0].livenessProbe.periodSeconds = -5),
      /^containers\[0\]\.livenessProbe\.periodSeconds: -5 must be a whole number from 1 to 86400/,
    ],
    [
      "a zero failureThreshold",
      (p) => (p.containers[0].livenessProbe.failureThreshold = 0),
      /^containers\[0\]\.livenessProbe\.failureThreshold: 0 must be a whole number from 1/,
    ],
    [
      "a liveness successThreshold above 1",
      (p) => (p.containers[0].livenessProbe.successThreshold = 2),
      /^containers\[0\]\.livenessProbe\.successThreshold: must be 1 for a livenessProbe/,
    ],
    [
      "an init container with probes",
      (p) => (p.initContainers[0].readinessProbe = { tcpSocket: { port: 8080 } }),
      /^initContainers\[0\]\.readinessProbe: init containers cannot have probes/,
    ],
    [
      "an init container with ports",
      (p) => (p.initContainers[0].ports = [{ containerPort: 9000 }]),
      /^initContainers\[0\]\.ports: init containers cannot declare ports/,
    ],
    [
      "an init container named like an app container",
      (p) => (p.initContainers[0].name = "server"),
      /^containers\[0\]\.name: duplicate container name "server"|^initContainers\[0\]\.name: duplicate/,
    ],
    [
      "an empty exec command",
      (p) => (p.containers[0].startupProbe.exec.command = []),
      /^containers\[0\]\.startupProbe\.exec\.command: must be a non-empty list of strings/,
    ],
    [
      "a relative httpGet path",
      (p) => (p.containers[0].readinessProbe.httpGet.path = "healthz"),
      /^containers\[0\]\.readinessProbe\.httpGet\.path: "healthz" must be an absolute URL path/,
    ],
    [
      "a bad scheme",
      (p) => (p.containers[0].readinessProbe.httpGet.scheme = "FTP"),
      /^containers\[0\]\.readinessProbe\.httpGet\.scheme: "FTP" must be HTTP or HTTPS/,
    ],
    [
      "a volume with no source",
      (p) => (p.volumes[0] = { name: "work" }),
      /^volumes\[0\]: needs a source: one of emptyDir, hostPath, configMap, secret/,
    ],
    [
      "a volume with two sources",
      (p) => (p.volumes[0].hostPath = { path: "/x" }),
      /^volumes\[0\]: has emptyDir and hostPath; choose one/,
    ],
    [
      "duplicate volume names",
      (p) => (p.volumes[1].name = "work"),
      /^volumes\[1\]\.name: duplicate volume name "work"/,
    ],
    [
      "a relative hostPath",
      (p) => (p.volumes[1].hostPath.path = "srv/config"),
      /^volumes\[1\]\.hostPath\.path: "srv\/config" must be an absolute path/,
    ],
    [
      "path traversal in a hostPath",
      (p) => (p.volumes[1].hostPath.path = "/srv/../etc"),
      /^volumes\[1\]\.hostPath\.path: "\/srv\/..\/etc" must not contain "." or ".." segments/,
    ],
    [
      "a colon in a hostPath",
      (p) => (p.volumes[1].hostPath.path = "/srv:/etc"),
      /^volumes\[1\]\.hostPath\.path: .* must not contain NUL, newline, ':' or ','/,
    ],
    [
      "the Docker socket without type Socket",
      (p) => (p.volumes[1].hostPath.path = "/var/run/docker.sock"),
      /^volumes\[1\]\.hostPath\.path: \/var\/run\/docker.sock is the Docker socket/,
    ],
    [
      "an unknown hostPath type",
      (p) => (p.volumes[1].hostPath.type = "BlockDevice"),
      /^volumes\[1\]\.hostPath\.type: "BlockDevice" must be one of/,
    ],
    [
      "a bad emptyDir medium",
      (p) => (p.volumes[0].emptyDir.medium = "Disk"),
      /^volumes\[0\]\.emptyDir\.medium: "Disk" must be "" or "Memory"/,
    ],
    [
      "a mount over podling-init",
      (p) => (p.containers[0].volumeMounts[0].mountPath = "/.podling/bin"),
      /^containers\[0\]\.volumeMounts\[0\]\.mountPath: \/.podling\/bin is reserved/,
    ],
    [
      "a mount over /",
      (p) => (p.containers[0].volumeMounts[0].mountPath = "/"),
      /^containers\[0\]\.volumeMounts\[0\]\.mountPath: \/ is reserved/,
    ],
    [
      "the same mountPath twice",
      (p) => p.containers[0].volumeMounts.push({ name: "config", mountPath: "/data/" }),
      /^containers\[0\]\.volumeMounts\[1\]\.mountPath: \/data is already mounted/,
    ],
    [
      "an unknown restartPolicy",
      (p) => (p.restartPolicy = "Sometimes"),
      /^restartPolicy: "Sometimes" must be one of Always, OnFailure, Never/,
    ],
    [
      "a zero readyTimeoutSeconds",
      (p) => (p.readyTimeoutSeconds = 0),
      /^readyTimeoutSeconds: 0 must be a whole number of seconds from 1 to 3600/,
    ],
    ["a hostname with capitals", (p) => (p.hostname = "Web"), /^hostname: "Web" must consist of lower-case letters/],
    ["a subdomain with a dot", (p) => (p.subdomain = "db.x"), /^subdomain: "db.x" must consist of lower-case letters/],
    [
      "an IPv6 nameserver",
      (p) => (p.dnsConfig = { nameservers: ["fd00::1"] }),
      /^dnsConfig\.nameservers\[0\]: "fd00::1" is not an IPv4 address/,
    ],
    [
      "three nameservers",
      (p) => (p.dnsConfig = { nameservers: ["10.0.0.1", "10.0.0.2", "10.0.0.3"] }),
      /^dnsConfig\.nameservers: has 3; at most 2 fit beside the cluster DNS/,
    ],
    [
      "a bad search domain",
      (p) => (p.dnsConfig = { searches: ["not a domain"] }),
      /^dnsConfig\.searches\[0\]: "not a domain" is not a DNS domain/,
    ],
    [
      "a resolver option with a shell in it",
      (p) => (p.dnsConfig = { options: [{ name: "ndots", value: "2; rm -rf /" }] }),
      /^dnsConfig\.options\[0\]\.value: .* must be letters and digits/,
    ],
  ])("rejects %s, naming the field", (_what, mutate, expected) => {
    const pod = valid();
    mutate(pod);
    expect(failuresOf(pod)).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
  });

  // Each of these once passed the guard and mounted the engine's socket, or a directory holding it.
  it.each<[string, string | undefined, RegExp]>([
    ["//var/run/docker.sock", undefined, /is the Docker socket, which gives the pod control of the host/],
    ["/var//run/docker.sock", undefined, /is the Docker socket, which gives the pod control of the host/],
    ["/run/docker.sock/", undefined, /is the Docker socket, which gives the pod control of the host/],
    [
      "//var/run/docker.sock",
      "Socket",
      /is the Docker socket spelled another way; write it as \/var\/run\/docker.sock/,
    ],
    ["/run", "Directory", /"\/run" contains the Docker socket \(\/run\/docker.sock\)/],
    ["/var/run", undefined, /"\/var\/run" contains the Docker socket \(\/var\/run\/docker.sock\)/],
    ["/var/run/", "Socket", /"\/var\/run\/" contains the Docker socket/],
    ["/var", "DirectoryOrCreate", /"\/var" contains the Docker socket/],
    ["/", "Directory", /"\/" contains the Docker socket/],
    ["//", undefined, /"\/\/" contains the Docker socket/],
  ])("refuses hostPath %j (type %s): it is, or holds, the Docker socket", (path, type, expected) => {
    const pod = valid();
    pod.volumes[1].hostPath = { path, ...(type ? { type } : {}) };
    const failures = failuresOf(pod);
    expect(failures).toEqual([expect.stringMatching(/^volumes\[1\]\.hostPath\.path: /)]);
    expect(failures[0]).toMatch(expected);
  });

  it.each(["/run/containers", "/var/lib/docker.sock.d", "/var/runner", "/srv/run/docker.sock"])(
    "allows hostPath %j, which holds no Docker socket",
    (path) => {
      const pod = valid();
      pod.volumes[1].hostPath = { path };
      expect(failuresOf(pod)).toEqual([]);
    },
  );

  it("allows the Docker socket when asked for explicitly with type Socket", () => {
    const pod = valid();
    pod.volumes[1].hostPath = { path: "/var/run/docker.sock", type: "Socket" };
    expect(failuresOf(pod)).toEqual([]);
    pod.volumes[1].hostPath = { path: "/run/docker.sock", type: "Socket" };
    expect(failuresOf(pod)).toEqual([]);
  });
});
