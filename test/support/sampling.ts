// How many requests a test sends through a randomly balancing service so that a check on which backends
// answered fails by chance less than once in a million runs. The kernel picks each backend with
// probability 1/k per new connection, independently; the checks below bound the chance of a false failure.

export const FALSE_FAILURE = 1e-6;

/** Chance that n requests over k backends miss at least one backend (union bound over the k backends). */
export const someBackendMissed = (k: number) => (n: number) => k * (1 - 1 / k) ** n;

/** Chance that n requests over k backends never reach one given backend. */
export const givenBackendMissed = (k: number) => (n: number) => (1 - 1 / k) ** n;

/** Chance that n requests over k backends all land on the same one. */
export const allOnOneBackend = (k: number) => (n: number) => k * (1 / k) ** n;

/** The fewest requests for which `chance` is below FALSE_FAILURE. */
export function requestsFor(chance: (n: number) => number): number {
  let n = 1;
  while (chance(n) >= FALSE_FAILURE) n++;
  return n;
}
