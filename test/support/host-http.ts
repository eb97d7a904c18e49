// HTTP from this machine itself, as a user's browser or curl would reach a published port. Loopback only.
import * as http from "http";

/** The body of GET / on host:port; fails after 5 s without an answer. */
export function hostGet(port: number, host = "127.0.0.1"): Promise<string> {
  if (!host.startsWith("127.")) throw new Error(`hostGet is for loopback addresses only, not ${host}`);
  return new Promise((resolve, reject) => {
    const req = http.get({ host, port, path: "/", timeout: 5000 }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve(body));
    });
    req.on("timeout", () => req.destroy(new Error("timed out")));
    req.on("error", reject);
  });
}
