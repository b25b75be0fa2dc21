/** Runs `work` over the items, at most `jobs` at a time, in order of start; `stop` starts no more. */
export async function eachWithJobs<T>(items: T[], jobs: number, work: (item: T, stop: () => void) => Promise<void>): Promise<void> {
  let next = 0;
  let stopped = false;
  const stop = () => {
    stopped = true;
  };
  const worker = async () => {
    while (!stopped && next < items.length) await work(items[next++], stop);
  };
  await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, worker));
}
