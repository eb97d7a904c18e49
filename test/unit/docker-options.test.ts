// How a dockerHost becomes dockerode's connection options, as the docker CLI reads DOCKER_HOST.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { dockerOptions } from "../../provider/docker/connection";

describe("dockerOptions", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it("unix sockets and plain tcp", () => {
    expect(dockerOptions({ dockerHost: "unix:///var/run/podling-lab/n1.sock" })).toMatchObject({
      socketPath: "/var/run/podling-lab/n1.sock",
    });
    delete process.env.DOCKER_TLS_VERIFY;
    expect(dockerOptions({ dockerHost: "tcp://10.0.0.12:2375" })).toMatchObject({
      host: "10.0.0.12",
      port: 2375,
      protocol: "http",
    });
  });

  it("TLS on port 2376 or with DOCKER_TLS_VERIFY=1, with the keys of DOCKER_CERT_PATH", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "podling-certs-"));
    try {
      for (const f of ["ca.pem", "cert.pem", "key.pem"]) fs.writeFileSync(path.join(dir, f), f);
      process.env.DOCKER_CERT_PATH = dir;
      const options = dockerOptions({ dockerHost: "tcp://10.0.0.12:2376" }) as Record<string, unknown>;
      expect(options).toMatchObject({ host: "10.0.0.12", port: 2376, protocol: "https" });
      expect([String(options.ca), String(options.cert), String(options.key)]).toEqual([
        "ca.pem",
        "cert.pem",
        "key.pem",
      ]);
      process.env.DOCKER_TLS_VERIFY = "1";
      expect(dockerOptions({ dockerHost: "tcp://10.0.0.12:9999" })).toMatchObject({ protocol: "https" });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("ssh, through the SSH agent", () => {
    process.env.SSH_AUTH_SOCK = "/run/agent.sock";
    expect(dockerOptions({ dockerHost: "ssh://admin@10.0.0.13" })).toMatchObject({
      host: "10.0.0.13",
      port: 22,
      protocol: "ssh",
      username: "admin",
      sshOptions: { agent: "/run/agent.sock" },
    });
  });
});
