// The benchmark harness: warm-up, repetitions, percentiles from process.hrtime.bigint(), and result rows.
export interface Row {
  benchmark: string;
  measure: string;
  value: number;
  unit: string;
  /** What the value is compared with, measured in the same run. */
  peer?: { name: string; value: number };
  target?: string;
}

export interface BenchOptions {
  quick: boolean;
  databaseUrl?: string;
}

export interface Benchmark {
  name: string;
  run(options: BenchOptions): Promise<Row[]>;
}

export const elapsedMs = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

/** Times `fn` `repetitions` times after `warmup` untimed calls; returns the samples in ms. */
export async function sample(fn: () => Promise<unknown>, repetitions: number, warmup = Math.ceil(repetitions / 10)): Promise<number[]> {
  for (let i = 0; i < warmup; i += 1) await fn();
  const samples: number[] = [];
  for (let i = 0; i < repetitions; i += 1) {
    const start = process.hrtime.bigint();
    await fn();
    samples.push(elapsedMs(start));
  }
  return samples;
}

export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export const median = (samples: readonly number[]) => percentile(samples, 50);
