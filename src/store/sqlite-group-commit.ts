// Writes that arrive together are committed together: every write queued before the event loop's next turn
// runs in one SQLite transaction. A caller's promise settles only after the transaction holding its write has
// committed, so nothing is reported done that could still be lost. With many turns at once (a reminder
// send-out) this shares the cost of each commit and of the pages it writes to the log; a turn on its own
// waits one turn of the event loop.
//
// Each write stays all or nothing. A write may refuse before it has written anything by throwing an error
// marked `nothingWritten` (a duplicate, a version conflict); that refusal is its caller's result and the
// others go on. Any other error undoes the whole transaction, and the group is run again with each write in
// a savepoint of its own, so the failing write is undone alone. (Savepoints on every write cost about a
// quarter of a send-out's time, which is why they are kept for that case.)
import type BetterSqlite3 from 'better-sqlite3';

/** Taken at load, so a test's fake timers cannot hold commits back. */
const nextTurn = setImmediate;

/** Marks an error thrown by a write before it wrote anything. */
export interface NothingWritten { readonly nothingWritten: true }
const wroteNothing = (error: unknown) => (error as Partial<NothingWritten> | null)?.nothingWritten === true;

interface Queued { write: () => unknown; resolve: (value: unknown) => void; reject: (error: unknown) => void }
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Thrown out of the fast transaction to undo it when a write failed part-way. */
class RunCarefully extends Error {}

export class GroupCommit {
  private queue: Queued[] = [];
  private readonly fast: (batch: readonly Queued[]) => Outcome[];
  private readonly careful: (batch: readonly Queued[]) => Outcome[];

  /** `exclusive` runs a function on the connection when no other transaction is open on it. */
  constructor(sqlite: BetterSqlite3.Database, private readonly exclusive: <T>(fn: () => T) => Promise<T>) {
    this.fast = sqlite.transaction((batch: readonly Queued[]) => batch.map((item): Outcome => {
      try {
        return { ok: true, value: item.write() };
      } catch (error) {
        if (wroteNothing(error)) return { ok: false, error };
        throw new RunCarefully();
      }
    })).immediate;
    // Called inside the outer transaction, better-sqlite3 makes this a savepoint.
    const one = sqlite.transaction((write: () => unknown) => write());
    this.careful = sqlite.transaction((batch: readonly Queued[]) => batch.map((item): Outcome => {
      try {
        return { ok: true, value: one(item.write) };
      } catch (error) {
        return { ok: false, error };
      }
    })).immediate;
  }

  /** Runs `write` in the next group's transaction; resolves with its value once that transaction committed. */
  run<T>(write: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ write, resolve: resolve as (value: unknown) => void, reject });
      if (this.queue.length === 1) nextTurn(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    let outcomes: Outcome[];
    try {
      outcomes = await this.exclusive(() => {
        try {
          return this.fast(batch);
        } catch (error) {
          if (error instanceof RunCarefully) return this.careful(batch);
          throw error;
        }
      });
    } catch (error) {
      // The transaction itself failed (BEGIN or COMMIT): none of its writes happened.
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }
}
