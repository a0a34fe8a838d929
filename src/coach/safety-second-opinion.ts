// The port for an optional second opinion on safety (implemented by src/llm/safety-second-opinion.ts when the
// operator opts in): it may only RAISE a message the rules found safe to a kind question, never lower anything.

export interface SafetyOpinion { crisis: boolean; redFlag?: string }

export interface SafetySecondOpinion {
  /** Never throws: a failure or timeout is "nothing more found". */
  check(text: string): Promise<SafetyOpinion>;
}

/** The parts of the understanding this reads and may raise. */
export interface SafetyFields {
  text: string;
  crisis: boolean;
  maybeCrisis?: 'self' | 'others';
  redFlags: string[];
  maybeRedFlags: string[];
}

/**
 * Asks the second opinion only when the rules found nothing at all, and only raises: a possible crisis becomes
 * the crisis question, a possible red flag that flag's question. Everything the rules found stays as it was.
 */
export async function raiseWithSecondOpinion<U extends SafetyFields>(u: U, opinion: SafetySecondOpinion | undefined): Promise<U> {
  if (!opinion || u.text.trim() === '') return u;
  if (u.crisis || u.maybeCrisis || u.redFlags.length > 0 || u.maybeRedFlags.length > 0) return u;
  const found = await opinion.check(u.text);
  if (found.crisis) return { ...u, maybeCrisis: 'self' };
  if (found.redFlag) return { ...u, maybeRedFlags: [found.redFlag] };
  return u;
}
