import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

type ScryptParameters = { cost: number; blockSize: number; parallelization: number };

function deriveKey(password: string, salt: Buffer, parameters: ScryptParameters): Promise<Buffer> {
  const { cost, blockSize, parallelization } = parameters;
  return new Promise((resolvePromise, reject) => {
    scrypt(
      password.normalize('NFKC'),
      salt,
      32,
      { N: cost, r: blockSize, p: parallelization, maxmem: 256 * cost * blockSize },
      (error, key) => (error ? reject(error) : resolvePromise(key)),
    );
  });
}

/**
 * scrypt with the parameters stored beside the hash (`scrypt$N$r$p$salt$key`), so the cost can be
 * raised later without invalidating existing passwords. `log2Cost` 15 is ~32 MiB per hash.
 */
export async function hashPassword(password: string, log2Cost = 15): Promise<string> {
  const parameters = { cost: 2 ** log2Cost, blockSize: 8, parallelization: 1 };
  const salt = randomBytes(16);
  const key = await deriveKey(password, salt, parameters);
  return [
    'scrypt',
    parameters.cost,
    parameters.blockSize,
    parameters.parallelization,
    salt.toString('base64url'),
    key.toString('base64url'),
  ].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, cost, blockSize, parallelization, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await deriveKey(password, Buffer.from(salt, 'base64url'), {
    cost: Number(cost),
    blockSize: Number(blockSize),
    parallelization: Number(parallelization),
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as a real verification, so "no such user" cannot be told apart from
 * "wrong password" by timing.
 */
export async function verifyAgainstDummy(password: string, log2Cost: number): Promise<void> {
  dummyHash ??= hashPassword('charla-dummy-password', log2Cost);
  await verifyPassword(password, await dummyHash);
}
