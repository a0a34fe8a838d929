// One scheduler process for the fan-out benchmark: drains due jobs into a counting fake channel.
import { createCoach } from '../../src/coach/handle-turn.js';
import { loadContent } from '../../src/content/load-content.js';
import { createScheduler } from '../../src/scheduler/scheduler.js';
import { openPostgresStore } from '../../src/store/open-postgres.js';
import { DUE } from '../reminder-fanout.js';

const store = await openPostgresStore(process.argv[2]!, { poolSize: 20 });
let delivered = 0;
const coach = createCoach({ content: loadContent(), store, now: () => new Date(DUE) });
await createScheduler({ store, coach, now: () => new Date(DUE), concurrency: 16, deliver: async () => { delivered += 1; } }).drain();
await store.close();
process.stdout.write(`delivered ${delivered}\n`);
