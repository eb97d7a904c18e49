// A bound on one call that may never answer (an unreachable engine, a hung helper container).

/** Rejects with `onTimeout()` when `work` has not settled within `ms`; the timer never outlives the call. */
export function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(onTimeout()), ms)));
  return Promise.race([work, expiry]).finally(() => clearTimeout(timer));
}
