// One process of the redelivery race: at a given wall-clock instant it redelivers whatever is undelivered,
// printing "to <key> <content id>" for every reply it hands over.
// Usage: node --import tsx redeliver-worker.ts <start ms> <DATABASE_URL> <clock ISO>
import { createCoach } from '../../src/coach/handle-turn.js';
import { loadContent } from '../../src/content/load-content.js';
import { openPostgresStore } from '../../src/store/open-postgres.js';

const [startAt, url, clock] = [Number(process.argv[2]), process.argv[3]!, process.argv[4]!];
const store = await openPostgresStore(url);
const coach = createCoach({ content: loadContent(), store, now: () => new Date(clock) });
await new Promise((r) => setTimeout(r, Math.max(0, startAt - Date.now())));
const lines: string[] = [];
await coach.redeliver(async (key, replies) => { for (const r of replies) lines.push(`to ${key} ${r.contentIds.join(',')}`); });
process.stdout.write(`${lines.join('\n')}\nend\n`);
await store.close();
