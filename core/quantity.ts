// Kubernetes resource quantities, converted to what Docker takes.
const CPU = /^(\d+(\.\d+)?|\.\d+)(m)?$/;
const MEMORY = /^(\d+(\.\d+)?)(Ki|Mi|Gi|Ti|Pi|Ei|k|K|M|G|T|P|E|m)?$/;
const MEMORY_FACTORS: Record<string, number> = {
  "": 1,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
  k: 1e3,
  K: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

/** "500m", "0.5" or "2" as Docker NanoCpus; undefined when it does not parse or is zero. */
export function cpuToNanoCpus(quantity: string): number | undefined {
  const match = CPU.exec(quantity);
  if (!match) return undefined;
  const cores = Number(match[1]) / (match[3] ? 1000 : 1);
  const nano = Math.round(cores * 1e9);
  return nano > 0 && Number.isSafeInteger(nano) ? nano : undefined;
}

/** "64Mi", "1G" or "1048576" as bytes; undefined when it does not parse or is zero. */
export function memoryToBytes(quantity: string): number | undefined {
  const match = MEMORY.exec(quantity);
  if (!match || match[3] === "m") return undefined; // milli-bytes make no sense for a limit
  const bytes = Math.floor(Number(match[1]) * MEMORY_FACTORS[match[3] ?? ""]);
  return bytes > 0 && Number.isSafeInteger(bytes) ? bytes : undefined;
}
