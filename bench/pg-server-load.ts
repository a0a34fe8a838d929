// What the PostgreSQL server spends on a benchmark's connections: the CPU time of their backend processes
// (read from /proc, so only when the server runs on this machine) and how often a backend was seen waiting
// on a lock. The connections are told apart by an application_name put into the benchmark's URL.
import { readFileSync } from 'node:fs';
import pg from 'pg';

export interface ServerLoad {
  /** CPU seconds of the backends (user + system), or NaN when the server is not on this machine. */
  cpuSeconds: number;
  /** Of the samples of active backends, the share waiting on a lock (heavyweight: row, tuple, transaction id). */
  lockWaitShare: number;
}

/** The URL with an application_name that marks the benchmark's connections. */
export function taggedUrl(url: string, tag: string): string {
  const u = new URL(url);
  u.searchParams.set('application_name', tag);
  return u.toString();
}

const TICKS_PER_SECOND = 100;

function cpuTicks(pid: number): number {
  try {
    // Fields after the command name (which is in parentheses): utime is the 14th field, stime the 15th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return NaN;
  }
}

/** Starts watching the backends of connections named `tag`; `stop()` (call it before they close) returns the load. */
export async function watchServer(url: string, tag: string): Promise<{ stop: () => Promise<ServerLoad> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const start = new Map<number, number>();
  let active = 0;
  let waiting = 0;
  const backends = async () => (await client.query<{ pid: number; state: string | null; wait: string | null }>(
    "select pid, state, wait_event_type as wait from pg_stat_activity where application_name = $1", [tag])).rows;
  for (const b of await backends()) start.set(b.pid, cpuTicks(b.pid));
  let sampling = Promise.resolve();
  const timer = setInterval(() => {
    sampling = sampling.then(async () => {
      for (const b of await backends()) {
        if (!start.has(b.pid)) start.set(b.pid, cpuTicks(b.pid));
        if (b.state === 'active') { active += 1; if (b.wait === 'Lock') waiting += 1; }
      }
    }).catch(() => {});
  }, 50);
  return {
    async stop() {
      clearInterval(timer);
      await sampling;
      let ticks = 0;
      for (const b of await backends()) ticks += cpuTicks(b.pid) - (start.get(b.pid) ?? 0);
      await client.end();
      return { cpuSeconds: ticks / TICKS_PER_SECOND, lockWaitShare: active ? waiting / active : 0 };
    },
  };
}

/** CPU seconds (user + system) a process on this machine has used so far; NaN when it cannot be read. */
export const processCpuSeconds = (pid: number) => cpuTicks(pid) / TICKS_PER_SECOND;
