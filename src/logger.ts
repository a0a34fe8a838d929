// Structured logs (pino). They carry what happened and how long it took, never what anyone wrote:
// no message text, no ratings, no journal lines, and conversation keys only as a short one-way hash.
import { createHash } from 'node:crypto';
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino({
    level: options.level ?? 'info',
    base: { service: 'gentlepath' },
    // Defence in depth: should a payload ever be logged by mistake, its usual content fields are cut.
    redact: { paths: ['text', 'value', 'replies', 'body', 'activity', 'event', '*.text', '*.value', 'req.headers.authorization'], censor: '[redacted]' },
  }, options.destination);
}

/** A stable, short pseudonym for a conversation key, so logs of one conversation can be followed without naming it. */
export function conversationTag(key: string): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 10);
}

/** An error's name and code only: messages of SDK errors can quote payloads. */
export function errorFields(error: unknown): { err: string; code?: string | number; status?: number } {
  const e = error as { name?: string; code?: string | number; statusCode?: number; status?: number } | undefined;
  return { err: e?.name ?? typeof error, ...(e?.code !== undefined ? { code: e.code } : {}), ...((e?.statusCode ?? e?.status) !== undefined ? { status: e?.statusCode ?? e?.status } : {}) };
}
