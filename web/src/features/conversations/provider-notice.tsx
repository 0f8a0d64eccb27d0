import { lazy, Suspense } from 'react';
import type { ProviderStatus } from '../../../../contracts/conversations.ts';
import { preloadNamespaces } from '../../i18n/i18n.ts';
import { useApiQuery } from '../../lib/use-api-query.ts';

// Loaded (code and words together) when no provider can answer: most visits never show it.
const Notice = lazy(async () => {
  const [module] = await Promise.all([
    import('./provider-notice-body.tsx'),
    preloadNamespaces(['provider-notice']),
  ]);
  return { default: module.Notice };
});

/** `GET /api/providers`, for the notice below. A failure to load it is not shown: sending still explains itself. */
export function useProviderStatus() {
  return useApiQuery<ProviderStatus>('/api/providers');
}

/** The notice with its own status request, for a screen that has no other use for it (the owner's home). */
export function LoadedProviderNotice() {
  const providers = useProviderStatus();
  return <ProviderNotice status={providers.data} />;
}

/**
 * What to do when the tutor cannot answer because no AI provider can. Everything else in the app keeps
 * working, so this sits on the conversation screens and the owner's home only. An admin gets the three
 * ways to set one up in the app; anyone else learns that the owner has to.
 */
export function ProviderNotice({
  status,
  compact = false,
}: {
  status: ProviderStatus | null;
  compact?: boolean;
}) {
  if (!status || status.available) return null;
  return (
    <Suspense fallback={null}>
      <Notice canConfigure={status.canConfigure} compact={compact} />
    </Suspense>
  );
}
