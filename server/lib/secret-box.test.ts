import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSecretBox, SecretStorageError, SecretUnreadableError } from './secret-box.ts';

const dirs: string[] = [];
function tempKeyFile() {
  const dir = mkdtempSync(join(tmpdir(), 'charla-secret-'));
  dirs.push(dir);
  return join(dir, 'provider-keys.key');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('secret box', () => {
  it('seals under CHARLA_SECRET: the ciphertext is not the key and opens only with the same secret and id', () => {
    const box = createSecretBox({ secret: 'a long enough secret value' });
    const sealed = box.seal('sk-charla-test-123456', 'anthropic');
    expect(sealed.ciphertext).not.toContain('sk-charla-test');
    expect(Buffer.from(sealed.ciphertext, 'base64').toString('latin1')).not.toContain('sk-charla');
    expect(box.open(sealed, 'anthropic')).toBe('sk-charla-test-123456');
    // Bound to the provider id: a ciphertext copied onto another provider does not open.
    expect(() => box.open(sealed, 'mistral')).toThrow(SecretUnreadableError);
    // Two seals of the same key differ (random IV).
    expect(box.seal('sk-charla-test-123456', 'anthropic').ciphertext).not.toBe(sealed.ciphertext);
  });

  it('a changed secret gives a clear error, not garbage', () => {
    const sealed = createSecretBox({ secret: 'the first secret value' }).seal('sk-charla-test-1', 'x');
    const other = createSecretBox({ secret: 'another secret value!' });
    expect(() => other.open(sealed, 'x')).toThrow(/different CHARLA_SECRET/);
  });

  it('a tampered ciphertext is refused', () => {
    const box = createSecretBox({ secret: 'a long enough secret value' });
    const sealed = box.seal('sk-charla-test-1', 'x');
    const bytes = Buffer.from(sealed.ciphertext, 'base64');
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
    expect(() => box.open({ ...sealed, ciphertext: bytes.toString('base64') }, 'x')).toThrow(/damaged/);
  });

  it('on SQLite creates a 0600 key file at the first seal and reads it back in a new process', () => {
    const keyFile = tempKeyFile();
    const box = createSecretBox({ keyFile });
    expect(box.storage).toBe('key-file');
    expect(() => statSync(keyFile)).toThrow();
    const sealed = box.seal('sk-charla-test-abc', 'p1');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(keyFile, 'utf8')).not.toContain('sk-charla');
    expect(createSecretBox({ keyFile }).open(sealed, 'p1')).toBe('sk-charla-test-abc');
    // A key file sealed before CHARLA_SECRET was set still opens once the secret is added.
    expect(createSecretBox({ keyFile, secret: 'added later, long enough' }).open(sealed, 'p1')).toBe(
      'sk-charla-test-abc',
    );
  });

  it('without a secret or key file (PostgreSQL) refuses to seal with a message naming CHARLA_SECRET', () => {
    const box = createSecretBox({});
    expect(box.storage).toBe('unavailable');
    expect(() => box.seal('sk-charla-test-1', 'x')).toThrow(SecretStorageError);
    expect(() => box.seal('sk-charla-test-1', 'x')).toThrow(/CHARLA_SECRET/);
  });
});
