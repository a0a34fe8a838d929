// The cost of the optional LLM voice, measured against the local fake OpenAI server answering after 200 ms:
//   - added latency per rephrase and per coach turn, with a cold cache and a warm one (vs LLM off)
//   - the cache hit rate over the scripted two-week journey (test/transcripts/two-week-journey.txt)
// A benchmark, not a test: it prints figures and never fails on a number.
// Run alone: npx tsx bench/llm-latency.ts [--quick]; or with everything: npm run bench.
import { readFileSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { createCoach } from '../src/coach/handle-turn.js';
import type { Rephraser } from '../src/coach/rephraser.js';
import { loadContent } from '../src/content/load-content.js';
import type { Content } from '../src/content/schema.js';
import { createLlmClient } from '../src/llm/llm-client.js';
import { createLlmRephraser, type LlmRephraser } from '../src/llm/llm-rephraser.js';
import { contentItems } from '../src/llm/rephrase-unit.js';
import type { Database } from '../src/store/db-schema.js';
import { migrate } from '../src/store/kysely-store.js';
import { openSqliteStore } from '../src/store/open-sqlite.js';
import { KyselyRephraseCache } from '../src/store/rephrase-cache.js';
import { startFakeOpenAi, type FakeOpenAi } from '../test/llm/fake-openai-server.js';
import { elapsedMs, median, percentile, sample, type Benchmark, type Row } from './harness.js';
import { dailyScript } from './scripts.js';

const FAKE_DELAY_MS = 200;
const NAME = 'llm latency';

async function sqliteCache(): Promise<{ cache: KyselyRephraseCache; close: () => Promise<void> }> {
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new BetterSqlite3(':memory:') }) });
  await migrate(db, 'sqlite');
  return { cache: new KyselyRephraseCache(db), close: () => db.destroy() };
}

function liveRephraser(content: Content, fake: FakeOpenAi, cache: KyselyRephraseCache, variety: number): LlmRephraser {
  const llm = createLlmClient({ baseURL: fake.baseURL, model: 'fake', timeoutMs: 2000 });
  return createLlmRephraser({ mode: 'live', content, llm, cache, variety });
}

/** Per rephrase call: LLM off, live with an empty cache (every call asks the fake), live with a warm cache. */
async function perCall(content: Content, fake: FakeOpenAi, quick: boolean): Promise<Row[]> {
  const item = contentItems(content).get('step.shallow_insertion')!;
  const reply = { text: item.text.trim(), contentIds: [item.id] };
  const off = createLlmRephraser({ mode: 'off', content });
  const offSamples = await sample(() => off.rephrase(reply), quick ? 200 : 2000);
  const coldSamples: number[] = [];
  for (let i = 0; i < (quick ? 5 : 20); i += 1) {
    const { cache, close } = await sqliteCache();
    const rephraser = liveRephraser(content, fake, cache, 1);
    const start = process.hrtime.bigint();
    await rephraser.rephrase(reply);
    coldSamples.push(elapsedMs(start));
    await close();
  }
  const { cache, close } = await sqliteCache();
  const warm = liveRephraser(content, fake, cache, 1);
  await warm.rephrase(reply);
  const warmSamples = await sample(() => warm.rephrase(reply), quick ? 200 : 2000);
  await close();
  const offMedian = median(offSamples);
  return [
    { benchmark: NAME, measure: 'one rephrase, LLM off (median)', value: offMedian, unit: 'ms' },
    { benchmark: NAME, measure: `one rephrase, live, cold cache, fake at ${FAKE_DELAY_MS} ms (median)`, value: median(coldSamples), unit: 'ms', peer: { name: 'off', value: offMedian } },
    { benchmark: NAME, measure: `one rephrase, live, cold cache (p95)`, value: percentile(coldSamples, 95), unit: 'ms' },
    { benchmark: NAME, measure: 'one rephrase, live, warm cache (median)', value: median(warmSamples), unit: 'ms', peer: { name: 'off', value: offMedian } },
    { benchmark: NAME, measure: 'one rephrase, live, warm cache (p95)', value: percentile(warmSamples, 95), unit: 'ms' },
  ];
}

/**
 * Time per coach turn over the daily script (onboarding and one practice day): LLM off, live with an empty
 * cache (cold: every rephrasable reply asks the fake), and live with the cache already filled (warm).
 * Each is repeated and the per-line median taken, to damp noise from other work on the machine.
 */
async function perTurn(content: Content, fake: FakeOpenAi, quick: boolean): Promise<Row[]> {
  const script = dailyScript();
  const runUser = async (rephraser: Rephraser | undefined, user: string) => {
    const store = await openSqliteStore(':memory:');
    const now = new Date('2026-11-23T18:00:00Z');
    const coach = createCoach({ content, store, now: () => now, rephraser });
    const times: number[] = [];
    for (const line of script) {
      const start = process.hrtime.bigint();
      await coach.handleTurn(user, { text: line });
      times.push(elapsedMs(start));
    }
    await store.close();
    return times;
  };
  const perLineMedian = (runs: number[][]) => script.map((_, i) => median(runs.map((r) => r[i]!)));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const reps = quick ? 2 : 5;

  // Cold first (each run with an empty cache), then off and warm interleaved so both see the same machine state.
  await runUser(undefined, 'warm-up');
  const coldRuns: number[][] = [];
  let coldCalls = 0;
  for (let i = 0; i < Math.max(2, reps - 2); i += 1) {
    const { cache, close } = await sqliteCache();
    const live = liveRephraser(content, fake, cache, 1);
    coldRuns.push(await runUser(live, `cold-${i}`));
    coldCalls = live.stats().llmCalls;
    await close();
  }
  const { cache, close } = await sqliteCache();
  const warmLive = liveRephraser(content, fake, cache, 1);
  await runUser(warmLive, 'fill');
  const before = warmLive.stats().llmCalls;
  const offRuns: number[][] = [];
  const warmRuns: number[][] = [];
  for (let i = 0; i < reps; i += 1) {
    offRuns.push(await runUser(undefined, `off-${i}`));
    warmRuns.push(await runUser(warmLive, `warm-${i}`));
  }
  const warmCalls = warmLive.stats().llmCalls - before;
  await close();

  const off = perLineMedian(offRuns);
  const cold = perLineMedian(coldRuns);
  const warm = perLineMedian(warmRuns);
  const added = cold.map((c, i) => c - off[i]!);
  return [
    { benchmark: NAME, measure: `turn, LLM off (mean of ${script.length} turns)`, value: mean(off), unit: 'ms' },
    { benchmark: NAME, measure: `turn, live, cold cache (mean; ${coldCalls} LLM calls per run)`, value: mean(cold), unit: 'ms', peer: { name: 'off', value: mean(off) } },
    { benchmark: NAME, measure: 'turn, live, cold cache: added per turn (mean)', value: mean(cold) - mean(off), unit: 'ms' },
    { benchmark: NAME, measure: 'turn, live, cold cache: added on a turn that calls the LLM (median)', value: median(added.filter((a) => a > 100)), unit: 'ms' },
    { benchmark: NAME, measure: `turn, live, warm cache (mean; ${warmCalls} LLM calls)`, value: mean(warm), unit: 'ms', peer: { name: 'off', value: mean(off) } },
    { benchmark: NAME, measure: 'turn, live, warm cache: added per turn (mean)', value: mean(warm) - mean(off), unit: 'ms' },
  ];
}

/**
 * Feeds the two-week journey through the coach with a live rephraser, for `users` people one after another
 * sharing one cache (as all conversations on a server do); returns the statistics after each person.
 */
export async function journeyStats(content: Content, fake: FakeOpenAi, variety: number, users = 1): Promise<Array<{ stats: ReturnType<LlmRephraser['stats']>; turns: number }>> {
  const lines = readFileSync(new URL('../test/transcripts/two-week-journey.txt', import.meta.url), 'utf8').split('\n');
  const { cache, close } = await sqliteCache();
  const rephraser = liveRephraser(content, fake, cache, variety);
  const results: Array<{ stats: ReturnType<LlmRephraser['stats']>; turns: number }> = [];
  for (let u = 0; u < users; u += 1) {
    const store = await openSqliteStore(':memory:');
    let now = new Date('2026-11-23T18:00:00Z');
    let tick = 0;
    const coach = createCoach({ content, store, now: () => new Date(now.getTime() + 1000 * tick++), defaultTimeZone: 'Europe/Berlin', rephraser });
    let turns = 0;
    for (const raw of lines) {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) continue;
      const at = /^@now\s+(\S+)$/.exec(line);
      if (at) { now = new Date(at[1]!); tick = 0; continue; }
      await coach.handleTurn(`journey-${u}`, { text: line });
      turns += 1;
    }
    await store.close();
    results.push({ stats: rephraser.stats(), turns });
  }
  await close();
  return results;
}

async function cacheHitRate(content: Content, fake: FakeOpenAi): Promise<Row[]> {
  const rows: Row[] = [];
  for (const variety of [1, 3]) {
    const [first, second] = await journeyStats(content, fake, variety, 2);
    const lookups = first!.stats.cacheHits + first!.stats.cacheMisses;
    rows.push(
      { benchmark: NAME, measure: `two-week journey, variety ${variety}: cache hit rate (${first!.stats.cacheHits}/${lookups} lookups, ${first!.turns} turns)`, value: (100 * first!.stats.cacheHits) / Math.max(1, lookups), unit: '%' },
      { benchmark: NAME, measure: `two-week journey, variety ${variety}: LLM calls for ${first!.stats.requests} rephrasable replies`, value: first!.stats.llmCalls, unit: 'calls' },
    );
    const hits = second!.stats.cacheHits - first!.stats.cacheHits;
    const misses = second!.stats.cacheMisses - first!.stats.cacheMisses;
    rows.push({ benchmark: NAME, measure: `two-week journey, variety ${variety}: a second person on the same cache (${hits}/${hits + misses})`, value: (100 * hits) / Math.max(1, hits + misses), unit: '%' });
  }
  return rows;
}

export const benchmark: Benchmark = {
  name: NAME,
  async run({ quick }) {
    const content = loadContent();
    const fake = await startFakeOpenAi((request) => ({ delayMs: FAKE_DELAY_MS, json: { text: `Okay. ${request.user}` } }));
    try {
      return [...await perCall(content, fake, quick), ...await perTurn(content, fake, quick), ...await cacheHitRate(content, fake)];
    } finally {
      await fake.close();
    }
  },
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await benchmark.run({ quick: process.argv.includes('--quick') });
  const fmt = (v: number) => (v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(2));
  console.log(`\nOptional LLM: live mode against a local fake answering after ${FAKE_DELAY_MS} ms\n`);
  for (const r of rows) console.log(`${r.measure.padEnd(82)} ${fmt(r.value).padStart(9)} ${r.unit}${r.peer ? `   (${r.peer.name}: ${fmt(r.peer.value)})` : ''}`);
}
