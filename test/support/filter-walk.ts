// Follows a new connection through a rendered filter table as the kernel would, for packet-level
// checks beside the golden text. Replies and loopback rules never match: the packet comes from a peer.
import { contains } from "../../core/cidr";

export interface Packet {
  /** The peer's address: the source on ingress, the destination on egress. */
  peer: string;
  proto: "tcp" | "udp" | "sctp";
  dport: number;
}

/** The verdict of the built-in chain `start` (INPUT or OUTPUT, whose policy is ACCEPT). */
export function verdict(rules: string, start: "INPUT" | "OUTPUT", packet: Packet): "ACCEPT" | "REJECT" {
  const lines = rules.split("\n").filter((l) => l.startsWith("-A "));
  const addressFlag = start === "INPUT" ? "-s" : "-d";
  const matches = (line: string): boolean => {
    if (/--ctstate| -[io] lo /.test(line)) return false;
    const peer = new RegExp(` ${addressFlag} (\\S+)`).exec(line);
    const proto = / -p (\S+)/.exec(line);
    const dport = /--dport (\d+)(?::(\d+))?/.exec(line);
    return (
      (!peer || contains(peer[1], packet.peer)) &&
      (!proto || proto[1] === packet.proto) &&
      (!dport || (packet.dport >= Number(dport[1]) && packet.dport <= Number(dport[2] ?? dport[1])))
    );
  };
  // undefined: the chain returned (or ended) without a verdict, so its caller goes on.
  const follow = (chain: string): "ACCEPT" | "REJECT" | undefined => {
    for (const line of lines.filter((l) => l.startsWith(`-A ${chain} `) && matches(l))) {
      const target = / -j (\S+)/.exec(line)![1];
      if (target === "ACCEPT" || target === "REJECT") return target;
      if (target === "RETURN") return undefined;
      const result = follow(target);
      if (result) return result;
    }
    return undefined;
  };
  return follow(start) ?? "ACCEPT";
}
