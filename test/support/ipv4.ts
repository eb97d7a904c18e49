// IPv4 addresses as plain numbers, for property tests that check the CIDR module against arithmetic
// written independently of ip-num.
export function ipToNumber(ip: string): number {
  return ip.split(".").reduce((n, octet) => n * 256 + Number(octet), 0);
}

export function numberToIp(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join(".");
}

/** First and last address of a CIDR, inclusive. */
export function boundsOf(cidr: string): [number, number] {
  const [ip, prefix] = cidr.split("/");
  const size = 2 ** (32 - Number(prefix));
  const first = ipToNumber(ip) - (ipToNumber(ip) % size);
  return [first, first + size - 1];
}
