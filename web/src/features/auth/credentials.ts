import { translate } from '../../i18n/i18n.ts';

/**
 * The username rule of contracts/auth.ts, checked before sending so that the common mistakes get an
 * answer without a round trip. The server stays the authority.
 */
export function usernameProblem(raw: string): string | null {
  const username = raw.trim();
  if (username.length === 0) return translate('auth.problem.chooseUsername');
  if (username.length < 3) return translate('auth.problem.minChars', { count: 3 });
  if (username.length > 32) return translate('auth.problem.maxChars', { count: 32 });
  if (!/^[A-Za-z0-9._-]+$/.test(username)) return translate('auth.problem.usernameCharacters');
  return null;
}

export function passwordProblem(password: string): string | null {
  if (password.length < 10) return translate('auth.problem.minChars', { count: 10 });
  if (password.length > 200) return translate('auth.problem.maxChars', { count: 200 });
  return null;
}
