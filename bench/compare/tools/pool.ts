/** Pulumi's default --parallel here: the engine runs at most 8 resource operations at once. The peers
 * driven from this script get the same concurrency. */
const CONCURRENCY = 8;

export async function inPool(jobs: Array<() => Promise<unknown>>): Promise<void> {
  const queue = [...jobs];
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let job = queue.shift(); job; job = queue.shift()) await job();
    }),
  );
}
