// kubectl's ages: the same cases as apimachinery's duration.HumanDuration, boundary by boundary.
import { ageOf, describeTime, humanDuration } from "../../provider/cli/view/age";

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe("humanDuration", () => {
  it.each([
    [-2 * S, "<invalid>"],
    [-500, "0s"],
    [0, "0s"],
    [S, "1s"],
    [70 * S, "70s"],
    [119 * S, "119s"],
    [2 * M, "2m"],
    [190 * S, "3m10s"],
    [10 * M, "10m"],
    [70 * M, "70m"],
    [3 * H, "3h"],
    [3 * H + 25 * M, "3h25m"],
    [8 * H, "8h"],
    [47 * H, "47h"],
    [48 * H, "2d"],
    [49 * H, "2d1h"],
    [8 * D + 2 * H, "8d"],
    [367 * D, "367d"],
    [2 * 365 * D + 25 * H, "2y1d"],
    [8 * 365 * D + 2 * H, "8y"],
  ])("%d ms is %s", (ms, expected) => {
    expect(humanDuration(ms)).toBe(expected);
  });

  it("ageOf counts from an RFC 3339 timestamp, and says <unknown> without one", () => {
    const created = "2026-12-03T10:00:00.123456789Z";
    expect(ageOf(created, Date.parse("2026-12-03T10:03:10.200Z"))).toBe("3m10s");
    expect(ageOf(undefined, Date.now())).toBe("<unknown>");
  });
});

describe("describeTime", () => {
  it("prints kubectl describe's RFC 1123 time in UTC, Docker's nanoseconds dropped", () => {
    expect(describeTime("2026-12-03T10:35:09.868948584Z")).toBe("Thu, 03 Dec 2026 10:35:09 +0000");
    expect(describeTime("2027-01-01T00:00:00Z")).toBe("Fri, 01 Jan 2027 00:00:00 +0000");
    expect(describeTime(undefined)).toBe("<unknown>");
  });
});
