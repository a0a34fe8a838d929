// Encryption at rest for free text (journal lines, undelivered replies): AES-256-GCM with node:crypto.
// Stored form: "gp1:<key id>:<iv>:<tag>:<ciphertext>" (base64url). Old keys stay readable during a rotation.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { CoachError } from '../errors.js';

export interface FieldCipher {
  encrypt(plain: string): string;
  decrypt(stored: string): string;
  /** True when the value is not encrypted with the current key (plain text, or an older key). */
  needsRotation(stored: string): boolean;
}

const PREFIX = 'gp1';

/** No key configured: text is stored as it is. */
export const plainText: FieldCipher = { encrypt: (t) => t, decrypt: (t) => t, needsRotation: () => false };

export function parseKey(value: string, name: string): Buffer {
  const trimmed = value.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) {
    throw new CoachError('config_invalid', `${name} must be 32 bytes as 64 hex digits or base64 (e.g. from: openssl rand -base64 32)`);
  }
  return key;
}

const keyId = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 12);

export function createFieldCipher(current: Buffer, previous: Buffer[] = []): FieldCipher {
  const keys = new Map([current, ...previous].map((k) => [keyId(k), k]));
  const currentId = keyId(current);
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [PREFIX, currentId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join(':');
    },
    decrypt(stored) {
      if (!stored.startsWith(`${PREFIX}:`)) return stored;
      const [, id, iv, tag, body] = stored.split(':');
      const key = keys.get(id ?? '');
      if (!key) throw new CoachError('config_invalid', `a stored value was encrypted with key ${id}, which is not configured (add it to GENTLEPATH_DATA_KEYS_OLD)`);
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv!, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag!, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body!, 'base64url')), decipher.final()]).toString('utf8');
    },
    needsRotation: (stored) => !stored.startsWith(`${PREFIX}:${currentId}:`),
  };
}

/** The cipher the environment asks for: GENTLEPATH_DATA_KEY, plus GENTLEPATH_DATA_KEYS_OLD (comma-separated) while rotating. */
export function cipherFromEnv(env: NodeJS.ProcessEnv = process.env): FieldCipher {
  if (!env.GENTLEPATH_DATA_KEY) return plainText;
  const previous = (env.GENTLEPATH_DATA_KEYS_OLD ?? '').split(',').filter((k) => k.trim()).map((k) => parseKey(k, 'GENTLEPATH_DATA_KEYS_OLD'));
  return createFieldCipher(parseKey(env.GENTLEPATH_DATA_KEY, 'GENTLEPATH_DATA_KEY'), previous);
}
