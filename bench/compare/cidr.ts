// A /24 for one bench run that overlaps no Docker network, in 10.240.0.0/16 (loopback-free, our own).
import Docker from "dockerode";
import { overlaps } from "../../core/cidr";

export async function freeBenchCidr(): Promise<string> {
  const used = (await new Docker().listNetworks()).flatMap((n) =>
    (n.IPAM?.Config ?? []).map((c) => c.Subnet).filter((s): s is string => !!s && !s.includes(":")),
  );
  for (let third = 0; third < 256; third++) {
    const cidr = `10.240.${third}.0/24`;
    if (!used.some((u) => overlaps(cidr, u))) return cidr;
  }
  throw new Error("no free /24 in 10.240.0.0/16 for the bench");
}
