// Host ports for tests that publish one: a random pick can collide with a port already in use.
import * as net from "net";

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host: "0.0.0.0" }, () => server.close(() => resolve(true)));
  });
}

/** A TCP port in [min, max] that nothing on this host listens on now, starting the search at a random one. */
export async function freeHostPort(min: number, max: number): Promise<number> {
  const span = max - min + 1;
  const start = Math.floor(Math.random() * span);
  for (let i = 0; i < span; i++) {
    const port = min + ((start + i) % span);
    if (await bindable(port)) return port;
  }
  throw new Error(`no free TCP port in ${min}-${max}`);
}
