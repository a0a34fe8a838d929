// One error family for the whole project: a stable code for callers, a message for people.
export type CoachErrorCode =
  | 'content_invalid'
  | 'config_invalid'
  | 'store_unavailable'
  | 'store_conflict'
  | 'bad_input'
  | 'safety_check_failed';

export class CoachError extends Error {
  constructor(readonly code: CoachErrorCode, message: string, override readonly cause?: unknown) {
    super(message);
    this.name = 'CoachError';
  }
}

/** A label for an error that is safe to log or store: a code or an error class, never a message that could quote user text. */
export function errorLabel(error: unknown): string {
  return error instanceof CoachError ? error.code : error instanceof Error ? error.name : 'error';
}
