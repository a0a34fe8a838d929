// A scheduler process for the send-out crash tests: carries out due check-ins and redelivers what a dead
// process left, handing every reply to a fake channel over HTTP (one POST per reply, as a chat service
// would get). The clock starts at DUE when the test says and runs in real time, shared by all workers.
// Usage: node --import tsx send-out-worker.ts <sqlite file or DATABASE_URL> <channel URL> <clock base ms>
import { createCoach } from '../../src/coach/handle-turn.js';
import { loadContent } from '../../src/content/load-content.js';
import { createScheduler } from '../../src/scheduler/scheduler.js';
import { openStore } from '../../src/store/open-store.js';
import { DUE } from '../../bench/reminder-fanout.js';

const [target, channelUrl, base] = [process.argv[2]!, process.argv[3]!, Number(process.argv[4])];
const now = () => new Date(Date.parse(DUE) + (Date.now() - base));
const store = await openStore(target.startsWith('postgres') ? { databaseUrl: target, dbPath: '' } : { dbPath: target });
const coach = createCoach({ content: loadContent(), store, now });
const scheduler = createScheduler({
  store, coach, now, keyPrefixes: ['fan:'],
  deliver: async (key, replies) => {
    const response = await fetch(channelUrl, { method: 'POST', body: JSON.stringify({ key, ids: replies.flatMap((r) => r.contentIds) }) });
    if (!response.ok) throw new Error(`channel answered ${response.status}`);
  },
});
scheduler.start(100);
process.stdout.write('ready\n');
