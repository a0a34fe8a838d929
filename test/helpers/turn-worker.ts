// A coach process for multi-process tests: reads one JSON turn per stdin line, answers one JSON line.
// Usage: node --import tsx test/helpers/turn-worker.ts <DATABASE_URL>
import { createInterface } from 'node:readline';
import { createCoach } from '../../src/coach/handle-turn.js';
import { loadContent } from '../../src/content/load-content.js';
import { openPostgresStore } from '../../src/store/open-postgres.js';

const store = await openPostgresStore(process.argv[2]!, { poolSize: 8 });
let now = new Date('2026-11-23T18:00:00Z');
const coach = createCoach({ content: loadContent(), store, now: () => now, onError: (e) => process.stderr.write(`turn failed: ${(e as Error).message}\n`) });
process.stdout.write('{"ready":true}\n');

for await (const line of createInterface({ input: process.stdin })) {
  const turn = JSON.parse(line) as { seq: number; key: string; text: string; inboundId: string; now: string };
  now = new Date(turn.now);
  void coach.handleTurn(turn.key, { text: turn.text, inboundId: turn.inboundId }).then(
    (replies) => process.stdout.write(`${JSON.stringify({ seq: turn.seq, ids: replies.flatMap((r) => r.contentIds) })}\n`),
    (error) => process.stdout.write(`${JSON.stringify({ seq: turn.seq, error: String(error) })}\n`),
  );
}
await store.close();
