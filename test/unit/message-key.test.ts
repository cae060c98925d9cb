import { createHmac, createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashOf } from '@/lib/timers/idless';
import { ensureMessageSecret, hmacSha256, keyedMessageId, loadMessageSecret, sha256 } from '@/lib/timers/message-key';

// docs/security.md S8: the identity of an id-less message must not let someone holding the
// database confirm a guessed short text. The old FNV hash can be recomputed by anyone.

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const enc = (s: string) => new TextEncoder().encode(s);

describe('keyed message identity', () => {
  it('the unkeyed hash can be guessed back; the keyed one cannot without the secret', () => {
    const stored = hashOf(`customer\u00001700000000000\u0000在吗`);
    // An attacker with the database and a list of likely messages finds it:
    expect(['你好', '在吗', '发货了吗'].find((g) => hashOf(`customer\u00001700000000000\u0000${g}`) === stored)).toBe('在吗');
    const secret = new Uint8Array(randomBytes(32));
    const keyed = keyedMessageId(secret, 'customer', 1700000000000, '在吗');
    const guess = (s: Uint8Array) => ['你好', '在吗', '发货了吗'].find((g) => keyedMessageId(s, 'customer', 1700000000000, g) === keyed);
    expect(guess(new Uint8Array(32))).toBeUndefined(); // a wrong key finds nothing
    expect(guess(secret)).toBe('在吗'); // (the right key does: same identity across tabs and reloads)
    expect(keyed).toMatch(/^k[0-9a-f]{32}$/);
  });

  it('is HMAC-SHA-256 (RFC 4231 vector, and agreement with node:crypto)', () => {
    expect(hex(hmacSha256(enc('Jefe'), enc('what do ya want for nothing?')))).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
    for (const len of [0, 1, 55, 56, 63, 64, 65, 1000]) {
      const data = new Uint8Array(randomBytes(len));
      const key = new Uint8Array(randomBytes((len % 100) + 1));
      expect(hex(sha256(data))).toBe(createHash('sha256').update(data).digest('hex'));
      expect(hex(hmacSha256(key, data))).toBe(createHmac('sha256', key).update(data).digest('hex'));
    }
  });

  it('the secret is made once and read back', async () => {
    expect(await loadMessageSecret()).toBeNull();
    const made = await ensureMessageSecret();
    expect(made).toHaveLength(32);
    expect(await ensureMessageSecret()).toEqual(made);
    expect(await loadMessageSecret()).toEqual(made);
  });
});
