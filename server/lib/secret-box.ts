import { createCipheriv, createDecipheriv, createHash, randomBytes, scryptSync } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/*
 * Secrets at rest (provider API keys): AES-256-GCM from node:crypto. The encryption key comes from
 * CHARLA_SECRET, or — on SQLite alone — from a key file created in DATA_DIR when the first secret
 * is sealed (one machine, one file to back up beside the database). Each ciphertext carries the
 * fingerprint of the key that sealed it, so "the secret changed" is told apart from a damaged row.
 */

export type KeyStorage = 'environment' | 'key-file' | 'unavailable';

export type Sealed = { ciphertext: string; fingerprint: string };

export type SecretBox = {
  /** Where the sealing key lives; `unavailable` on PostgreSQL without CHARLA_SECRET. */
  readonly storage: KeyStorage;
  /** Encrypts `plaintext`, bound to `associatedData` (the provider id). Throws SecretStorageError. */
  seal(plaintext: string, associatedData: string): Sealed;
  /** Decrypts, or throws SecretUnreadableError (wrong key, changed secret, tampered row). */
  open(sealed: Sealed, associatedData: string): string;
};

/** No key to seal with: PostgreSQL without CHARLA_SECRET. */
export class SecretStorageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretStorageError';
  }
}

/** A stored secret that no longer decrypts. */
export class SecretUnreadableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretUnreadableError';
  }
}

const ivBytes = 12;
const tagBytes = 16;

const fingerprintOf = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 16);

/** A passphrase becomes a key through scrypt (a fixed salt: the point is stretching, not uniqueness). */
function keyFromSecret(secret: string): Buffer {
  return scryptSync(secret, 'charla/provider-keys/v1', 32, { N: 2 ** 14, r: 8, p: 1 });
}

function readKeyFile(path: string): Buffer {
  const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  if (key.length !== 32)
    throw new SecretUnreadableError(`The key file ${path} is damaged (not a 256-bit key).`);
  return key;
}

/** Creates the key file once, readable by this user only; a file created meanwhile is kept. */
function createKeyFile(path: string): Buffer {
  mkdirSync(dirname(path), { recursive: true });
  const key = randomBytes(32);
  try {
    const fd = openSync(path, 'wx', 0o600);
    try {
      writeSync(fd, `${key.toString('base64')}\n`);
    } finally {
      closeSync(fd);
    }
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readKeyFile(path);
    throw error;
  }
}

/**
 * The secret box for this server. `secret` is CHARLA_SECRET; `keyFile` is the key file's path on
 * SQLite (undefined on PostgreSQL, where every process must share the same key).
 */
export function createSecretBox(options: {
  secret?: string | undefined;
  keyFile?: string | undefined;
}): SecretBox {
  let secretKey: Buffer | undefined;
  const fromSecret = () => {
    if (!options.secret) return undefined;
    secretKey ??= keyFromSecret(options.secret);
    return secretKey;
  };
  let fileKey: Buffer | undefined;
  const fromFile = (create: boolean) => {
    if (!options.keyFile) return undefined;
    if (!fileKey && existsSync(options.keyFile)) fileKey = readKeyFile(options.keyFile);
    if (!fileKey && create) fileKey = createKeyFile(options.keyFile);
    return fileKey;
  };
  const storage: KeyStorage = options.secret ? 'environment' : options.keyFile ? 'key-file' : 'unavailable';

  return {
    storage,
    seal(plaintext, associatedData) {
      const key = fromSecret() ?? fromFile(true);
      if (!key)
        throw new SecretStorageError(
          'Keys cannot be saved in the app on PostgreSQL until CHARLA_SECRET is set (the same value in every Charla process); see .env.example.',
        );
      const iv = randomBytes(ivBytes);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(associatedData, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return {
        ciphertext: Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64'),
        fingerprint: fingerprintOf(key),
      };
    },
    open(sealed, associatedData) {
      // Either key may have sealed it (a key file from before CHARLA_SECRET was set still opens).
      const candidates = [fromSecret(), fromFile(false)].filter((key): key is Buffer => key !== undefined);
      const key = candidates.find((candidate) => fingerprintOf(candidate) === sealed.fingerprint);
      if (!key)
        throw new SecretUnreadableError(
          candidates.length === 0
            ? 'The key was saved with CHARLA_SECRET or a key file that this server no longer has.'
            : 'The key was saved under a different CHARLA_SECRET or key file than this server has now.',
        );
      const raw = Buffer.from(sealed.ciphertext, 'base64');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, ivBytes));
        decipher.setAAD(Buffer.from(associatedData, 'utf8'));
        decipher.setAuthTag(raw.subarray(ivBytes, ivBytes + tagBytes));
        return Buffer.concat([decipher.update(raw.subarray(ivBytes + tagBytes)), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        throw new SecretUnreadableError('The stored key is damaged and cannot be decrypted.');
      }
    },
  };
}
