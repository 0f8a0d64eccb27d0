import type { AuthStatus } from '../../../../contracts/auth.ts';
import { useApiQuery } from '../../lib/use-api-query.ts';

/** Whether the server still needs its owner account, and whether anyone may sign up. */
export function useAuthStatus() {
  return useApiQuery<AuthStatus>('/api/auth/status');
}
