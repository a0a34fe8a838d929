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
import { coalesce, type Settled } from './coalesce.js';

/** Marks an error thrown by a write before it wrote anything. */
export interface NothingWritten { readonly nothingWritten: true }
const wroteNothing = (error: unknown) => (error as Partial<NothingWritten> | null)?.nothingWritten === true;

type Write = () => unknown;

/** Thrown out of the fast transaction to undo it when a write failed part-way. */
class RunCarefully extends Error {}

export class GroupCommit {
  private readonly send: (write: Write) => Promise<unknown>;

  /** `exclusive` runs a function on the connection when no other transaction is open on it. */
  constructor(sqlite: BetterSqlite3.Database, exclusive: <T>(fn: () => T) => Promise<T>) {
    const fast = sqlite.transaction((batch: readonly Write[]) => batch.map((write): Settled<unknown> => {
      try {
        return { ok: true, value: write() };
      } catch (error) {
        if (wroteNothing(error)) return { ok: false, error };
        throw new RunCarefully();
      }
    })).immediate;
    // Called inside the outer transaction, better-sqlite3 makes this a savepoint.
    const one = sqlite.transaction((write: Write) => write());
    const careful = sqlite.transaction((batch: readonly Write[]) => batch.map((write): Settled<unknown> => {
      try {
        return { ok: true, value: one(write) };
      } catch (error) {
        return { ok: false, error };
      }
    })).immediate;
    // If the transaction itself fails (BEGIN or COMMIT), none of its writes happened: coalesce rejects them all.
    this.send = coalesce((batch: readonly Write[]) => exclusive(() => {
      try {
        return fast(batch);
      } catch (error) {
        if (error instanceof RunCarefully) return careful(batch);
        throw error;
      }
    }));
  }

  /** Runs `write` in the next group's transaction; resolves with its value once that transaction committed. */
  run<T>(write: () => T): Promise<T> {
    return this.send(write) as Promise<T>;
  }
}
