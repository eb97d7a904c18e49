// The sample sizes the service tests use, and why the old ones were flaky.
import {
  allOnOneBackend,
  FALSE_FAILURE,
  givenBackendMissed,
  requestsFor,
  someBackendMissed,
} from "../support/sampling";

describe("sample sizes for checks over randomly balanced requests", () => {
  it.each([
    ["every one of 3 backends answers", someBackendMissed(3), 37],
    ["one given backend of 3 answers", givenBackendMissed(3), 35],
    ["not all requests land on one of 3 backends", allOnOneBackend(3), 14],
  ])("%s: the fewest requests that are enough, and one fewer is not", (_what, chance, n) => {
    expect(requestsFor(chance)).toBe(n);
    expect(chance(n)).toBeLessThan(FALSE_FAILURE);
    expect(chance(n - 1)).toBeGreaterThanOrEqual(FALSE_FAILURE);
  });

  it("the sizes the tests used before fail by chance far more often than once in a million", () => {
    expect(someBackendMissed(3)(12)).toBeGreaterThan(0.02); // cluster example: 12 requests, 3 backends
    expect(someBackendMissed(3)(30)).toBeGreaterThan(1e-5); // services: 30 requests, 3 backends
    expect(allOnOneBackend(3)(12)).toBeGreaterThan(5e-6); // services, UDP: 12 queries
    expect(givenBackendMissed(3)(20)).toBeGreaterThan(3e-4); // services, hairpin: 20 requests
  });
});
