import http from "node:http";
import autocannon from "autocannon";

/**
 * One load run at a fixed concurrency: autocannon drives the connections (keep-alive, no
 * pipelining) and every response's own latency is kept, so p95 is exact rather than autocannon's
 * fixed percentiles (it reports p90 and p97.5, not p95). A response that is not 2xx (a redirect
 * too: every page the bench measures answers 200), a timeout or a socket error counts as an error.
 */
export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
  /** One header set per connection (e.g. a staff session each); cycled when fewer than connections. */
  headersPerConnection?: Record<string, string>[];
  headers?: Record<string, string>;
  /**
   * Each request from another visitor: a fresh X-Forwarded-For in 198.18.0.0/15 (RFC 2544's
   * benchmarking range), for an app that trusts one proxy. A crowd, not one address: the per-visitor
   * limits (search, the JSON API) are then paid for on every request, as in production, and never hit.
   */
  visitors?: boolean;
  /** Each request to another path of the same server (a new search each time); absent = url's path. */
  paths?: () => string;
}

let visitor = 0;
/** The next address of 198.18.0.0/15, round and round. */
export function nextVisitor(): string {
  const n = visitor++ % 131_072;
  return `198.${18 + (n >> 16)}.${(n >> 8) & 255}.${n & 255}`;
}

export interface LoadResult {
  requests: number;
  reqPerSec: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  /** Status codes seen, e.g. { "200": 9120 }. */
  statuses: Record<string, number>;
  bytesPerResponse: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let bytes = 0;
  let bad = 0;
  let next = 0;
  let finish!: (r: autocannon.Result) => void;
  let fail!: (e: unknown) => void;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const instance = autocannon(
    {
      url: o.url,
      connections: o.connections,
      duration: o.seconds,
      pipelining: 1,
      timeout: 10,
      headers: o.headers,
      requests:
        o.visitors || o.paths
          ? [
              {
                setupRequest: (request: autocannon.Request) => ({
                  ...request,
                  ...(o.paths ? { path: o.paths() } : {}),
                  headers: o.visitors ? { ...request.headers, "x-forwarded-for": nextVisitor() } : request.headers,
                }),
              },
            ]
          : undefined,
      setupClient: o.headersPerConnection?.length
        ? (client) => {
            client.setHeaders({ ...o.headers, ...o.headersPerConnection![next++ % o.headersPerConnection!.length] });
          }
        : undefined,
    },
    (error, result) => (error ? fail(error) : finish(result)),
  );
  instance.on("response", (_client: unknown, statusCode: number, resBytes: number, responseTime: number) => {
    latencies.push(responseTime);
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    bytes += resBytes;
    if (statusCode < 200 || statusCode >= 300) bad++;
  });
  const result = await done;
  return summarise(latencies, result.duration || o.seconds, bad + result.errors + result.timeouts, statuses, bytes);
}

/**
 * Staff at work: an open load, where autocannon's is closed (each connection asks again the moment
 * it has an answer) and its overallRate paces by cutting the connections to the rate and firing each
 * second's requests together. Here every session — one cookie, one keep-alive connection of its own —
 * thinks for a random time (uniform 0 to twice `thinkSeconds`), asks the page, waits for the whole
 * answer, and thinks again; the first asks are spread over the first think time. A latency runs from
 * the moment the session asked, so a slow server shows in it in full.
 */
export async function runSessions(o: { url: string; cookies: string[]; seconds: number; thinkSeconds: number }): Promise<LoadResult> {
  const target = new URL(o.url);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let bytes = 0;
  let errors = 0;
  const started = performance.now();
  const end = started + o.seconds * 1000;
  const think = () => Math.random() * 2 * o.thinkSeconds * 1000;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const ask = (agent: http.Agent, cookie: string) =>
    new Promise<{ status: number; size: number }>((resolve, reject) => {
      const request = http.get({ host: target.hostname, port: target.port, path: target.pathname + target.search, agent, headers: { cookie }, timeout: 10_000 }, (response) => {
        let size = 0;
        response.on("data", (chunk: Buffer) => (size += chunk.length));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, size }));
        response.on("error", reject);
      });
      request.on("timeout", () => request.destroy(new Error("timeout")));
      request.on("error", (error: NodeJS.ErrnoException & { reusedSocket?: boolean }) => reject(Object.assign(error, { reusedSocket: request.reusedSocket })));
    });
  const session = async (cookie: string) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      await sleep(Math.random() * o.thinkSeconds * 1000);
      while (performance.now() < end) {
        const asked = performance.now();
        try {
          // A kept-alive connection the server closed while the session was thinking (its idle
          // timeout is 5 s, a think up to 10 s) fails at once: asked again on a new one, as a
          // browser does, and timed from the first ask.
          const { status, size } = await ask(agent, cookie).catch((error: NodeJS.ErrnoException & { reusedSocket?: boolean }) => {
            if (error.reusedSocket && (error.code === "ECONNRESET" || error.code === "EPIPE")) return ask(agent, cookie);
            throw error;
          });
          latencies.push(performance.now() - asked);
          statuses[status] = (statuses[status] ?? 0) + 1;
          bytes += size;
          if (status < 200 || status >= 300) errors++;
        } catch {
          errors++;
        }
        await sleep(think());
      }
    } finally {
      agent.destroy();
    }
  };
  await Promise.all(o.cookies.map(session));
  return summarise(latencies, (performance.now() - started) / 1000, errors, statuses, bytes);
}

/** One run's figures from its responses' latencies (milliseconds, in any order). */
function summarise(latencies: number[], seconds: number, errors: number, statuses: Record<string, number>, bytes: number): LoadResult {
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    reqPerSec: Math.round(latencies.length / seconds),
    p50: round1(percentile(latencies, 50)),
    p95: round1(percentile(latencies, 95)),
    p99: round1(percentile(latencies, 99)),
    max: round1(latencies.at(-1) ?? 0),
    errors,
    statuses,
    bytesPerResponse: latencies.length ? Math.round(bytes / latencies.length) : 0,
  };
}
