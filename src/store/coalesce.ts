// Calls that arrive together are sent together: every call made before the event loop's next turn is
// handed to `send` as one batch, and each caller gets its own result (or its own error) back from it.
// The PostgreSQL store uses it to turn the reads, commits and delivery marks of many turns at once (a
// reminder send-out) into one round trip each.

/** Taken at load, so a test's fake timers cannot hold calls back. */
const nextTurn = setImmediate;

/** What `send` answers for one item: its value, or the error that item alone failed with. */
export type Settled<O> = { ok: true; value: O } | { ok: false; error: unknown };

interface Waiting<I, O> { item: I; resolve: (value: O) => void; reject: (error: unknown) => void }

export function coalesce<I, O>(send: (items: readonly I[]) => Promise<Array<Settled<O>>>): (item: I) => Promise<O> {
  let queue: Array<Waiting<I, O>> = [];
  async function flush(): Promise<void> {
    const batch = queue;
    queue = [];
    let settled: Array<Settled<O>>;
    try {
      settled = await send(batch.map((w) => w.item));
    } catch (error) {
      for (const w of batch) w.reject(error);
      return;
    }
    batch.forEach((w, i) => {
      const s = settled[i]!;
      if (s.ok) w.resolve(s.value);
      else w.reject(s.error);
    });
  }
  return (item) => new Promise<O>((resolve, reject) => {
    queue.push({ item, resolve, reject });
    if (queue.length === 1) nextTurn(() => void flush());
  });
}
