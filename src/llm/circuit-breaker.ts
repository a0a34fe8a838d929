// Stops calling an LLM endpoint that keeps failing: after `failureThreshold` failures in a row the breaker
// opens and every call is skipped (scripted text at once) for `cooldownMs`; then one trial call is let
// through (half-open), and its outcome closes or re-opens the breaker.

export interface BreakerOptions {
  failureThreshold?: number;
  cooldownMs?: number;
  now?: () => number;
}

export type BreakerState = 'closed' | 'open' | 'half-open';

export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | null = null;
  private trialInFlight = false;
  private readonly threshold: number;
  private readonly cooldownMs: number;
  private readonly now: () => number;
  /** How many times the breaker has opened. */
  trips = 0;

  constructor(options: BreakerOptions = {}) {
    this.threshold = options.failureThreshold ?? 3;
    this.cooldownMs = options.cooldownMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  get state(): BreakerState {
    if (this.openedAt === null) return 'closed';
    return this.now() - this.openedAt >= this.cooldownMs ? 'half-open' : 'open';
  }

  /** May a call go out now? In half-open state only one trial call at a time. */
  allow(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  success(): void {
    this.failures = 0;
    this.openedAt = null;
    this.trialInFlight = false;
  }

  failure(): void {
    this.trialInFlight = false;
    this.failures += 1;
    if (this.openedAt !== null || this.failures >= this.threshold) {
      if (this.openedAt === null || this.now() - this.openedAt >= this.cooldownMs) this.trips += 1;
      this.openedAt = this.now();
    }
  }
}
