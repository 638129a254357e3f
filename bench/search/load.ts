/** Latency and throughput of a fixed-duration, fixed-concurrency load on a list of URLs. */
export interface LoadResult {
  requests: number;
  errors: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;

/**
 * Keeps `concurrency` requests in flight for `durationMs`, cycling through `urls`. Bounded in
 * time and in count (`maxRequests`), and only ever aimed at the local servers it is given.
 */
export async function runLoad(
  urls: string[],
  options: { concurrency: number; durationMs: number; maxRequests: number },
): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const deadline = performance.now() + options.durationMs;
  const started = performance.now();
  const worker = async () => {
    while (performance.now() < deadline && next < options.maxRequests) {
      const url = urls[next++ % urls.length]!;
      const begin = performance.now();
      try {
        const response = await fetch(url);
        await response.arrayBuffer();
        if (response.status !== 200) errors += 1;
        else latencies.push(performance.now() - begin);
      } catch {
        errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const elapsedSeconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    requestsPerSecond: latencies.length / elapsedSeconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}
