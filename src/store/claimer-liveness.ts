// Who holds a claim (on an outbox row or a job), and whether that process is still running, so work a
// crashed process had claimed is taken over at once instead of when its lease runs out. A claim whose
// holder cannot be checked is treated as alive: then only the lease frees it.
import { randomBytes, randomInt } from 'node:crypto';
import { hostname } from 'node:os';

export interface ClaimerLiveness {
  /** This process's claimer id, written into the claims it takes. */
  readonly id: string;
  /** The ids (of those given) whose process is known to be gone. */
  dead(ids: readonly string[]): Promise<Set<string>>;
  close(): Promise<void>;
}

/** Claimer ids of stores open in this process; a closed store's claims count as abandoned. */
const openHere = new Set<string>();

/**
 * SQLite: every process using the file runs on this machine, so a claimer is "host:pid:nonce" and a
 * process-table lookup says whether it still runs. The nonce tells a restarted process apart from the
 * one that had the same pid before it (a container's pid 1).
 */
export function localLiveness(): ClaimerLiveness {
  const host = hostname();
  const id = `${host}:${process.pid}:${randomBytes(6).toString('base64url')}`;
  openHere.add(id);
  return {
    id,
    async dead(ids) {
      const gone = new Set<string>();
      for (const claimer of ids) {
        const [claimHost, pidText] = claimer.split(':');
        const pid = Number(pidText);
        if (claimHost !== host || !Number.isInteger(pid)) continue;
        if (pid === process.pid ? !openHere.has(claimer) : !processRuns(pid)) gone.add(claimer);
      }
      return gone;
    },
    async close() {
      openHere.delete(id);
    },
  };
}

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, under another user.
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** Advisory-lock namespace for "this GentlePath process is running". */
const LIVENESS_LOCK_CLASS = 0x47500001;

/**
 * PostgreSQL: processes may run on different machines, so each holds a session advisory lock on its own
 * connection for as long as it runs; the server drops the lock the moment that connection dies (a killed
 * process's socket closes), and pg_locks shows which claimers still hold theirs.
 */
export async function postgresLiveness(url: string): Promise<ClaimerLiveness> {
  const number = randomInt(1, 2 ** 31 - 1);
  const id = `pg:${number}`;
  // Loaded here, not at the top: a SQLite process never needs the PostgreSQL driver (start-up time).
  const { default: pg } = await import('pg');
  const holder = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  // A lost connection only means others may take over our claims early; never crash for it.
  holder.on('error', () => {});
  await holder.connect();
  await holder.query('select pg_advisory_lock($1, $2)', [LIVENESS_LOCK_CLASS, number]);
  return {
    id,
    async dead(ids) {
      const numbers = ids.filter((c) => c.startsWith('pg:')).map((c) => Number(c.slice(3))).filter(Number.isInteger);
      if (numbers.length === 0) return new Set();
      try {
        // The holder's own connection asks: it is idle apart from keeping the lock.
        const held = await holder.query<{ n: string }>(
          `select objid::text as n from pg_locks where locktype = 'advisory' and classid = $1 and objsubid = 2 and granted
             and database = (select oid from pg_database where datname = current_database())`, [LIVENESS_LOCK_CLASS]);
        const alive = new Set(held.rows.map((r) => Number(r.n)));
        return new Set(numbers.filter((n) => !alive.has(n)).map((n) => `pg:${n}`));
      } catch {
        return new Set();
      }
    },
    async close() {
      await holder.end().catch(() => {});
    },
  };
}
