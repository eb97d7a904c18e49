import { cpuToNanoCpus, memoryToBytes } from "../../core/quantity";

describe("quantities", () => {
  it.each([
    ["500m", 500_000_000],
    ["0.5", 500_000_000],
    ["2", 2_000_000_000],
    [".25", 250_000_000],
  ])("cpu %s", (q, nano) => expect(cpuToNanoCpus(q)).toBe(nano));
  it.each(["", "abc", "-1", "0", "1.5.2", "500 m", "1Gi"])("rejects cpu %p", (q) =>
    expect(cpuToNanoCpus(q)).toBeUndefined(),
  );
  it.each([
    ["64Mi", 64 * 2 ** 20],
    ["1Gi", 2 ** 30],
    ["128M", 128e6],
    ["1000000", 1e6],
    ["1.5Gi", 1.5 * 2 ** 30],
  ])("memory %s", (q, bytes) => expect(memoryToBytes(q)).toBe(bytes));
  it.each(["", "64mb", "10m", "0", "-5Mi", "Mi"])("rejects memory %p", (q) => expect(memoryToBytes(q)).toBeUndefined());
});
