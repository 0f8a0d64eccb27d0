import { useCallback } from 'react';
import type { User, VoiceSettingsUpdate } from '../../../../contracts/auth.ts';
import { api } from '../../lib/api-client.ts';
import { useAuth } from '../../lib/auth-context.tsx';

/** Saves speech preferences in the learner's profile and adopts the updated user everywhere at once. */
export function useSaveVoiceSettings(): (voice: VoiceSettingsUpdate) => Promise<void> {
  const { setUser } = useAuth();
  return useCallback(
    async (voice: VoiceSettingsUpdate) => {
      const result = await api.patch<{ user: User }>('/api/me/profile', { voice });
      setUser(result.user);
    },
    [setUser],
  );
}
