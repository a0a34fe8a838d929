// What the safety module concludes about one message. Graded: clear -> act at once; possible -> ask one
// kind, direct question; and for red flags, asked -> a question about red flags, answered (not a report).
export type Grade = 'clear' | 'possible';

export interface SafetyResult {
  /** Thoughts of suicide or self-harm, or someone hurting or coercing them: the crisis reply or the crisis question. */
  crisis?: { grade: Grade; about: 'self' | 'others'; why: string[]; /** Only the learned net read it, with this score. */ netOnly?: number };
  /** Red flags reported now, clearly (pause). */
  redFlags: string[];
  /** Red flags possibly reported (hedged, unclear): one kind question each. */
  maybeRedFlags: string[];
  /** Red flags asked about in general ("how much bleeding is too much?"): answered, nothing paused. */
  askedRedFlags: string[];
  /** The check itself failed: treated as a possible crisis (ask), never as "nothing found". */
  failed?: boolean;
}
