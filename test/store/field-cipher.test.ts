// Journal lines are unreadable in the database file when a data key is set, readable to their owner,
// and survive a key rotation.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { emptyProfile } from '../../src/coach/session/session-machine.js';
import { createFieldCipher, parseKey } from '../../src/store/field-cipher.js';
import { openSqliteStore } from '../../src/store/open-sqlite.js';
import { openPostgresStore } from '../../src/store/open-postgres.js';
import pg from 'pg';
import { freshPostgresDatabase, hasPostgres } from '../helpers/backends.js';

const secretLine = 'my partner held my hand and it felt safe';
const commit = (effects: never[] | object[], version = 0) => ({
  key: 'u1', expectedVersion: version, snapshot: {}, contentVersion: 'v', profile: emptyProfile,
  effects: effects as never, now: '2026-11-23T18:00:00Z',
});

describe('encryption at rest', () => {
  it('stores journal text encrypted and gives it back on export', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gp-')), 'enc.db');
    const store = await openSqliteStore(file, createFieldCipher(randomBytes(32)));
    await store.commitTurn(commit([{ kind: 'saveJournal', day: '2026-11-23', text: secretLine }]));
    expect((await store.exportUser('u1')).journal[0]?.text).toBe(secretLine);
    await store.close();
    const raw = new BetterSqlite3(file).prepare('select text from journal').get() as { text: string };
    expect(raw.text.startsWith('gp1:')).toBe(true);
    expect(raw.text).not.toContain('partner');
    for (const f of [file, `${file}-wal`]) {
      try { expect(readFileSync(f).includes(Buffer.from('held my hand'))).toBe(false); } catch (e) { if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e; }
    }
  });

  it('reads old entries during a rotation and re-encrypts them under the new key', async () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const file = join(mkdtempSync(join(tmpdir(), 'gp-')), 'rot.db');
    const before = await openSqliteStore(file, createFieldCipher(oldKey));
    await before.commitTurn(commit([{ kind: 'saveJournal', day: '2026-11-23', text: secretLine }]));
    await before.close();
    const rotating = await openSqliteStore(file, createFieldCipher(newKey, [oldKey]));
    expect((await rotating.exportUser('u1')).journal[0]?.text).toBe(secretLine);
    expect(await rotating.rotateKeys()).toBe(1);
    expect(await rotating.rotateKeys()).toBe(0);
    await rotating.close();
    const after = await openSqliteStore(file, createFieldCipher(newKey));
    expect((await after.exportUser('u1')).journal[0]?.text).toBe(secretLine);
    await after.close();
  });

  it.skipIf(!hasPostgres)('stores journal text encrypted on PostgreSQL too', async () => {
    const db = await freshPostgresDatabase();
    try {
      const store = await openPostgresStore(db.url, { cipher: createFieldCipher(randomBytes(32)) });
      await store.commitTurn(commit([{ kind: 'saveJournal', day: '2026-11-23', text: secretLine }]));
      expect((await store.exportUser('u1')).journal[0]?.text).toBe(secretLine);
      await store.close();
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      const raw = await client.query('select text from journal');
      await client.end();
      expect(raw.rows[0].text.startsWith('gp1:')).toBe(true);
      expect(raw.rows[0].text).not.toContain('partner');
    } finally {
      await db.drop();
    }
  });

  it('refuses a key of the wrong size with a clear message', () => {
    expect(() => parseKey('too-short', 'GENTLEPATH_DATA_KEY')).toThrow(/32 bytes/);
    expect(parseKey(randomBytes(32).toString('hex'), 'K')).toHaveLength(32);
  });
});
