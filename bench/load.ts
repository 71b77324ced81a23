import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import type { BenchRequest } from './scenarios';

export interface Target {
  name: string;
  url: string;
  /** The process whose peak resident memory is reported (the gateway, or the subgraphs for the floor). */
  pid: number;
  /**
   * Extra headers of one request, given its exact body: a subgraph called directly needs an
   * identity token of its own for each request, bound to that body.
   */
  headers?: (body: string) => Record<string, string>;
  /** Run around each load, outside what it measures (the direct target's token pool fills and refills only then). */
  open?: () => Promise<void>;
  close?: () => void;
}

export interface LoadResult {
  target: string;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  /** Non-2xx or transport failures, included in errors. */
  failures: number;
  peakRssMb: number;
  /** CPU ms per request spent in the target process, and in the subgraphs' process. */
  cpuPerRequest: number;
  subgraphCpuPerRequest: number;
  /** Response bodies, when the caller asked to keep them (the write mix counts what it got back). */
  bodies: string[];
  /** The first failed response (status and the start of its body), to say what went wrong. */
  firstError?: string;
  /** What `combine` needs: every latency, the time measured, the CPU ms spent. */
  latencies: number[];
  seconds: number;
  cpu: { target: number; subgraphs: number };
}

/** Parts of one target's measurement (run at different moments) as one result. */
export function combine(parts: LoadResult[]): LoadResult {
  const latencies = parts.flatMap((p) => p.latencies).sort((a, b) => a - b);
  const requests = parts.reduce((n, p) => n + p.requests, 0);
  const seconds = parts.reduce((n, p) => n + p.seconds, 0);
  const cpu = { target: 0, subgraphs: 0 };
  for (const p of parts) (cpu.target += p.cpu.target), (cpu.subgraphs += p.cpu.subgraphs);
  const sum = (k: 'errors' | 'failures') => parts.reduce((n, p) => n + p[k], 0);
  return {
    target: parts[0].target,
    requests,
    rps: requests / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors: sum('errors'),
    failures: sum('failures'),
    peakRssMb: Math.max(...parts.map((p) => p.peakRssMb)),
    cpuPerRequest: cpu.target / Math.max(1, requests),
    subgraphCpuPerRequest: cpu.subgraphs / Math.max(1, requests),
    bodies: parts.flatMap((p) => p.bodies),
    firstError: parts.find((p) => p.firstError)?.firstError,
    latencies,
    seconds,
    cpu,
  };
}

/** A process and its descendants (replicas forked by node:cluster count with their primary). */
function treeOf(pid: number): number[] {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
  } catch {
    // gone
  }
  return [pid, ...children.flatMap(treeOf)];
}

const read = (file: string) => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
};

/** Resident memory of a process and its descendants, in MB. */
const rssMb = (pid: number) =>
  treeOf(pid).reduce((sum, p) => {
    const m = /VmRSS:\s+(\d+)/.exec(read(`/proc/${p}/status`) ?? '');
    return sum + (m ? Number(m[1]) / 1024 : 0);
  }, 0);

/** CPU time (user + system) a process and its descendants have used so far, in ms (clock ticks of 10 ms). */
export const cpuMs = (pid: number) =>
  treeOf(pid).reduce((sum, p) => {
    const stat = read(`/proc/${p}/stat`);
    if (!stat) return sum;
    const f = stat.split(') ')[1].split(' ');
    return sum + (Number(f[11]) + Number(f[12])) * 10;
  }, 0);

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);

/**
 * Sends a mix at `target` for `seconds` over `connections` keep-alive connections. Requests are
 * taken round-robin from one shared counter, so connections do not march through the list in
 * lockstep; every response body is checked for GraphQL errors.
 */
export async function load(
  target: Target,
  mix: BenchRequest[],
  opts: { seconds: number; connections: number; keepBodies?: boolean; subgraphsPid?: number },
): Promise<LoadResult> {
  await target.open?.();
  const cpu0 = cpuMs(target.pid);
  const sub0 = opts.subgraphsPid ? cpuMs(opts.subgraphsPid) : 0;
  let next = 0;
  let errors = 0;
  let failures = 0;
  let firstError: string | undefined;
  const latencies: number[] = [];
  const bodies: string[] = [];
  let peak = rssMb(target.pid);
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(target.pid))), 200);

  const instance = autocannon({
    url: target.url,
    connections: opts.connections,
    duration: opts.seconds,
    requests: [
      {
        setupRequest: (req: any) => {
          const n = next++;
          const item = mix[n % mix.length];
          const body = JSON.stringify(item.fresh ? { ...item.body, variables: { ...(item.body.variables as object), ...item.fresh(n) } } : item.body);
          return {
            ...req,
            method: 'POST',
            headers: { 'content-type': 'application/json', ...target.headers?.(body), ...(item.token ? { authorization: `Bearer ${item.token}` } : {}) },
            body,
          };
        },
        onResponse: (status: number, body: string) => {
          if (status !== 200) failures++;
          if (status !== 200 || body.includes('"errors"')) {
            errors++;
            firstError ??= `${status} ${body.slice(0, 300)}`;
          }
          if (opts.keepBodies) bodies.push(body);
        },
      },
    ],
  } as autocannon.Options) as unknown as Promise<autocannon.Result> & import('node:events').EventEmitter;
  instance.on('response', (_client: unknown, _status: number, _bytes: number, time: number) => latencies.push(time));
  const result = await instance;
  clearInterval(sampler);
  target.close?.();
  const total = Math.max(1, result.requests.total);
  const cpu = {
    target: cpuMs(target.pid) - cpu0,
    subgraphs: opts.subgraphsPid && opts.subgraphsPid !== target.pid ? cpuMs(opts.subgraphsPid) - sub0 : 0,
  };
  latencies.sort((a, b) => a - b);
  return {
    target: target.name,
    requests: result.requests.total,
    rps: result.requests.total / opts.seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors: errors + result.errors + result.timeouts,
    failures: failures + result.errors + result.timeouts,
    peakRssMb: Math.max(peak, rssMb(target.pid)),
    cpuPerRequest: cpu.target / total,
    subgraphCpuPerRequest: cpu.subgraphs / total,
    bodies,
    firstError,
    latencies,
    seconds: opts.seconds,
    cpu,
  };
}
