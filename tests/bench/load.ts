import autocannon from 'autocannon';

export interface LoadFigures {
  /** Mean of the per-second response counts (all status codes). */
  reqPerSec: number;
  /** Latency percentiles of 2xx answers, in whole milliseconds (autocannon's resolution). */
  p50Ms: number;
  p99Ms: number;
  ok: number;
  non2xx: number;
  /** Connection errors, timeouts included. */
  errors: number;
  timeouts: number;
  /** Mean size of a 2xx answer's body and headers, in bytes. */
  bytesPerResponse: number;
}

/**
 * Closed-loop load with autocannon in this process: `connections` keep-alive connections, each sending its next
 * request when the previous answer arrives; every request takes the next path of the shared rotation.
 */
export async function runLoad(
  baseUrl: string,
  paths: readonly string[],
  connections: number,
  durationSec: number,
): Promise<LoadFigures> {
  let next = 0;
  const result = await autocannon({
    url: `${baseUrl}${paths[0]}`,
    connections,
    duration: durationSec,
    timeout: 10,
    requests: [
      { method: 'GET', setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }) },
    ],
  });
  const ok = result['2xx'];
  return {
    reqPerSec: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    ok,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    bytesPerResponse: ok ? result.throughput.total / ok : 0,
  };
}
