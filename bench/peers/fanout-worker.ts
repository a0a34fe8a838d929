// One scheduler process for the fan-out benchmark: drains due jobs into a counting fake channel.
import { createCoach } from '../../src/coach/handle-turn.js';
import { loadContent } from '../../src/content/load-content.js';
import { createScheduler } from '../../src/scheduler/scheduler.js';
import { openPostgresStore } from '../../src/store/open-postgres.js';
import { DUE } from '../reminder-fanout.js';

const store = await openPostgresStore(process.argv[2]!, { poolSize: 8 });
let delivered = 0;
// With FANOUT_RECORD=1 every delivery is printed, so a test can check each went out exactly once.
const record = process.env.FANOUT_RECORD === '1';
const coach = createCoach({ content: loadContent(), store, now: () => new Date(DUE) });
// Only the seeded users: other benchmarks leave their own users (and due check-ins) in the same database.
// Replies arrive one at a time; a check-in is counted by its first one.
await createScheduler({ store, coach, now: () => new Date(DUE), keyPrefixes: ['fan:'], deliver: async (key, replies) => {
  if (!replies.some((r) => r.contentIds.includes('reminder.checkin'))) return;
  delivered += 1;
  if (record) process.stdout.write(`to ${key}\n`);
} }).drain();
await store.close();
process.stdout.write(`delivered ${delivered}\n`);
