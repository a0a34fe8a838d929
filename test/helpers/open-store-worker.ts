// Opens the store (migrating a new database) at a given wall-clock instant, so several processes start
// truly together, then says "up" and takes one turn. Usage: node --import tsx open-store-worker.ts <start ms> <sqlite file or DATABASE_URL>
import { createCoach } from '../../src/coach/handle-turn.js';
import { loadContent } from '../../src/content/load-content.js';
import { openStore } from '../../src/store/open-store.js';

const [startAt, target] = [Number(process.argv[2]), process.argv[3]!];
const content = loadContent();
await new Promise((r) => setTimeout(r, Math.max(0, startAt - Date.now())));
const store = await openStore(target.startsWith('postgres') ? { databaseUrl: target, dbPath: '' } : { dbPath: target });
const replies = await createCoach({ content, store }).handleTurn(`web:${process.pid}`, { text: 'hi' });
process.stdout.write(`up ${replies.length}\n`);
await store.close();
