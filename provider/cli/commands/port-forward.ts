// `podling port-forward POD|svc/NAME LOCAL:REMOTE`: a listener on the host's loopback whose connections
// go to the pod's IP, which the host reaches on the network's bridge. No port is published in Docker.
import * as net from "net";
import { Command } from "commander";
import type { Scope } from "../engines";
import { findPod, findService, UserError } from "../find";
import { portPair } from "./parse";

export function portForwardCommand(scopeOf: (cmd: Command) => Scope): Command {
  return new Command("port-forward")
    .description("forward a port on 127.0.0.1 to a pod, or to a ready pod of a service, until Ctrl-C")
    .argument("<target>", "POD, pod/POD or svc/NAME")
    .argument("<ports>", "LOCAL:REMOTE, PORT (the same on both sides) or :REMOTE (any free local port)", portPair)
    .option("-n, --namespace <ns>", "the namespace", "default")
    .addHelpText("after", "\nExamples:\n  podling port-forward web 8080:8080\n  podling port-forward svc/web 8080:80")
    .action(async (target: string, ports: { local: number; remote: number }, opts, cmd: Command) => {
      const destination = await destinationOf(scopeOf(cmd), opts.namespace, target, ports.remote);
      await forward(ports.local, destination);
    });
}

async function destinationOf(scope: Scope, namespace: string, target: string, remote: number) {
  const [kind, name] = target.includes("/") ? target.split("/", 2) : ["pod", target];
  if (["svc", "service", "services"].includes(kind)) {
    const svc = await findService(scope, namespace, name);
    if (svc.type === "Headless") {
      const endpoint = svc.readyEndpoints[0];
      if (!endpoint)
        throw new UserError(`service ${namespace}/${name} has no ready endpoint (podling get svc ${name} -o wide)`);
      return { host: endpoint.ip, port: remote };
    }
    const endpoint = svc.readyEndpoints.find((e) => e.servicePort === remote);
    if (!endpoint || typeof endpoint.port !== "number") {
      const ports = (svc.ports ?? []).map((p) => p.port).join(", ");
      throw new UserError(
        svc.ports?.some((p) => p.port === remote)
          ? `service ${namespace}/${name} has no ready endpoint for port ${remote} (podling get svc ${name} -o wide)`
          : `service ${namespace}/${name} has no port ${remote}; its ports: ${ports || "none"}`,
      );
    }
    // As kubectl does: one ready pod, on the port the service port leads to.
    return { host: endpoint.ip, port: endpoint.port };
  }
  if (!["pod", "pods", "po"].includes(kind))
    throw new UserError(`cannot forward to "${target}" (podling port-forward POD|svc/NAME LOCAL:REMOTE)`);
  const { pod } = await findPod(scope, namespace, name);
  if (!pod.ip) throw new UserError(`pod ${namespace}/${name} has no IP (podling describe pod ${name} -n ${namespace})`);
  return { host: pod.ip, port: remote };
}

function forward(localPort: number, to: { host: string; port: number }): Promise<void> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(to.port, to.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
    const fail = (err: Error) => {
      process.stderr.write(`error forwarding to ${to.host}:${to.port}: ${err.message}\n`);
      client.destroy();
      upstream.destroy();
    };
    upstream.on("error", fail);
    client.on("error", () => upstream.destroy());
  });
  return new Promise<void>((resolve, reject) => {
    server.once("error", (err) => reject(new UserError(`cannot listen on 127.0.0.1:${localPort}: ${err.message}`)));
    server.listen(localPort, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      process.stdout.write(`Forwarding from 127.0.0.1:${port} -> ${to.host}:${to.port}\n`);
      process.once("SIGINT", () => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
    });
  });
}
