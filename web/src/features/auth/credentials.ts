/**
 * The username rule of contracts/auth.ts, checked before sending so that the common mistakes get an
 * answer without a round trip. The server stays the authority.
 */
export function usernameProblem(raw: string): string | null {
  const username = raw.trim();
  if (username.length === 0) return 'Choose a username';
  if (username.length < 3) return 'Use at least 3 characters';
  if (username.length > 32) return 'Use at most 32 characters';
  if (!/^[A-Za-z0-9._-]+$/.test(username)) return 'Use only letters a–z, digits, dot, underscore and hyphen';
  return null;
}

export function passwordProblem(password: string): string | null {
  if (password.length < 10) return 'Use at least 10 characters';
  if (password.length > 200) return 'Use at most 200 characters';
  return null;
}
