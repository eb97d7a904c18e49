// A tcp:// Docker engine without TLS client authentication is open to anyone who reaches its port: it is
// refused at preview, for a cluster node (nodes[i].dockerHost) and for the stack's own engine
// (podling:dockerHost or DOCKER_HOST), unless the program accepts the risk in so many words.
// Loopback addresses only: code without the refusal really connects to the engine it is given.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { exposedEngine } from "../../provider/docker/connection";
import { configureDocker } from "../../provider/docker/client";
import { engineInfo } from "../../provider/docker/system";
import { checkCluster } from "../../provider/cluster/check";
import { dispatch } from "../../provider";

const saved = { ...process.env };
let certs: string;

beforeEach(() => {
  certs = fs.mkdtempSync(path.join(os.tmpdir(), "podling-certs-"));
  for (const f of ["ca.pem", "cert.pem", "key.pem"]) fs.writeFileSync(path.join(certs, f), f);
  process.env.DOCKER_CERT_PATH = certs;
  delete process.env.DOCKER_TLS_VERIFY;
  delete process.env.DOCKER_HOST;
});
afterEach(() => {
  process.env = { ...saved };
  fs.rmSync(certs, { recursive: true, force: true });
  configureDocker({});
});

describe("exposedEngine", () => {
  it("plain TCP: says who gets in and how to fix it", () => {
    expect(exposedEngine("tcp://127.0.0.1:2375")).toBe(
      "tcp://127.0.0.1:2375 is plain TCP without TLS: anyone who reaches that port controls the engine, which is root on its host. To fix it, serve it with TLS (port 2376, or DOCKER_TLS_VERIFY=1) and put the client's ca.pem, cert.pem and key.pem in DOCKER_CERT_PATH, or use ssh://",
    );
    expect(exposedEngine("http://127.0.0.1:80")).toMatch(/plain TCP without TLS/);
  });

  it("TLS with a client certificate is not exposed: port 2376, https://, or DOCKER_TLS_VERIFY=1", () => {
    expect(exposedEngine("tcp://127.0.0.1:2376")).toBeUndefined();
    expect(exposedEngine("https://127.0.0.1:443")).toBeUndefined();
    process.env.DOCKER_TLS_VERIFY = "1";
    expect(exposedEngine("tcp://127.0.0.1:2375")).toBeUndefined();
  });

  it("TLS without a client certificate is exposed: an engine that admits it admits anyone", () => {
    fs.rmSync(path.join(certs, "key.pem"));
    expect(exposedEngine("tcp://127.0.0.1:2376")).toMatch(
      new RegExp(`^tcp://127.0.0.1:2376 uses TLS, but ${certs} holds no client certificate \\(cert.pem and key.pem\\)`),
    );
  });

  it("unix sockets and ssh are not network ports of the engine", () => {
    expect(exposedEngine("unix:///var/run/docker.sock")).toBeUndefined();
    expect(exposedEngine("ssh://admin@127.0.0.1")).toBeUndefined();
  });
});

describe("a cluster node", () => {
  const cluster = (node: Record<string, unknown>) => ({
    name: "lab",
    nodes: [{ name: "n1", advertiseAddr: "127.0.0.1", ...node }],
    managers: 1,
  });

  it("on plain TCP is refused at preview, naming nodes[i].dockerHost, the risk and both ways out", () => {
    expect(checkCluster(cluster({ dockerHost: "tcp://127.0.0.1:2375" })).failures).toEqual([
      {
        property: "nodes[0].dockerHost",
        reason: `${exposedEngine("tcp://127.0.0.1:2375")}; or set insecure: true on the node to accept the risk`,
      },
    ]);
  });

  it("on plain TCP is accepted with insecure: true; insecure must be a boolean", () => {
    expect(checkCluster(cluster({ dockerHost: "tcp://127.0.0.1:2375", insecure: true })).failures).toEqual([]);
    expect(checkCluster(cluster({ dockerHost: "tcp://127.0.0.1:2375", insecure: "yes" })).failures).toEqual([
      { property: "nodes[0].dockerHost", reason: expect.stringMatching(/plain TCP without TLS/) },
      { property: "nodes[0].insecure", reason: "must be true or false" },
    ]);
  });

  it("with TLS and a client certificate is accepted", () => {
    expect(checkCluster(cluster({ dockerHost: "tcp://127.0.0.1:2376" })).failures).toEqual([]);
  });
});

describe("the stack's own engine", () => {
  const configure = (config: Record<string, string>) =>
    dispatch("podling:Namespace", "configure", [{ config: { get: (key: string) => config[key] } }]);
  const check = () => dispatch("podling:Namespace", "check", [{}, { name: "team" }]);

  it("podling:dockerHost on plain TCP fails preview, naming the config key and how to accept the risk", async () => {
    await configure({ "podling:dockerHost": "tcp://127.0.0.1:9" });
    await expect(check()).rejects.toThrow(
      `podling:dockerHost: ${exposedEngine("tcp://127.0.0.1:9")}; or accept the risk with \`pulumi config set podling:insecureDockerHost true\``,
    );
  });

  it("DOCKER_HOST on plain TCP fails preview, naming DOCKER_HOST", async () => {
    process.env.DOCKER_HOST = "tcp://127.0.0.1:9";
    await configure({});
    await expect(check()).rejects.toThrow(/^DOCKER_HOST: tcp:\/\/127.0.0.1:9 is plain TCP without TLS/);
  });

  it("is never connected to either: the first Docker call fails with the same reason", async () => {
    await configure({ "podling:dockerHost": "tcp://127.0.0.1:9" });
    await expect(engineInfo()).rejects.toThrow(/^podling:dockerHost: tcp:\/\/127.0.0.1:9 is plain TCP without TLS/);
  });

  it("podling:insecureDockerHost true accepts the risk; TLS with a certificate needs nothing", async () => {
    await configure({ "podling:dockerHost": "tcp://127.0.0.1:9", "podling:insecureDockerHost": "true" });
    await expect(check()).resolves.toMatchObject({ failures: [] });
    await configure({ "podling:dockerHost": "tcp://127.0.0.1:2376" });
    await expect(check()).resolves.toMatchObject({ failures: [] });
  });
});
