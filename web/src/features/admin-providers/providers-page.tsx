import { useEffect, useState } from 'react';
import { useLocation } from 'react-router';
import type { AdminProvider, LocalModels, ProviderList } from '../../../../contracts/providers.ts';
import { StatusMessage } from '../../components/form-field.tsx';
import { LoadError, PageLoading, PageTitle } from '../../components/page-states.tsx';
import { useT } from '../../i18n/i18n.ts';
import { useApiQuery } from '../../lib/use-api-query.ts';
import { AddProviderSection } from './add-provider.tsx';
import { ChainsSection } from './chains-editor.tsx';
import { LocalModelsSection } from './local-models.tsx';
import { ProviderCard } from './provider-card.tsx';
import { EditProviderDialog, RemoveProviderDialog } from './provider-dialogs.tsx';
import { SpeechChainsSection } from './speech-chains.tsx';
import './providers.css';

type Dialog = { kind: 'edit' | 'remove'; provider: AdminProvider } | null;

/**
 * Admin → AI providers: the providers (from the app, the environment or detected), the three ways to
 * add one, the chain of each role, the speech chains and the local models. Everything applies without a restart.
 */
export function ProvidersPage() {
  const t = useT('providers');
  const query = useApiQuery<ProviderList>('/api/admin/providers');
  const local = useApiQuery<LocalModels>('/api/admin/local-models');
  const { hash } = useLocation();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [status, setStatus] = useState<string | null>(null);
  const list = query.data;
  const listLoaded = list !== null;
  const localLoaded = local.data !== null;

  // A deep link (#add-key, #add-server, #local-model, #chains, #speech) scrolls once its target is on the page.
  useEffect(() => {
    if (!hash || !listLoaded) return;
    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
    target?.scrollIntoView?.({ block: 'start' });
  }, [hash, listLoaded, localLoaded]);

  function replaceProvider(provider: AdminProvider) {
    query.setData((current) =>
      current
        ? {
            ...current,
            providers: current.providers.map((item) => (item.id === provider.id ? provider : item)),
          }
        : current,
    );
  }

  function changed(message: string) {
    setDialog(null);
    setStatus(message);
    // What a role uses, the files' providers and the states can all change with one provider.
    query.reload();
    local.reload();
  }

  return (
    <section className="page providers-page">
      <PageTitle lead={t('lead')}>{t('title')}</PageTitle>
      <StatusMessage message={status} />
      {query.loading && !list ? <PageLoading /> : null}
      {query.error ? <LoadError message={query.error.message} onRetry={query.reload} /> : null}
      {list ? (
        <>
          <section className="providers-section" aria-labelledby="providers-title" id="providers">
            <h2 id="providers-title">{t('providers.title')}</h2>
            {list.providers.length === 0 ? (
              <p>{t('providers.none')}</p>
            ) : (
              <ul className="provider-list">
                {list.providers.map((provider) => (
                  <ProviderCard
                    key={provider.id}
                    provider={provider}
                    onTested={replaceProvider}
                    onEdit={(item) => setDialog({ kind: 'edit', provider: item })}
                    onRemove={(item) => setDialog({ kind: 'remove', provider: item })}
                  />
                ))}
              </ul>
            )}
          </section>
          <AddProviderSection
            list={list}
            hash={hash}
            onAdded={(provider) => changed(t('status.added', { name: provider.name }))}
          />
          <ChainsSection list={list} onSaved={(result) => query.setData(() => result)} />
          <SpeechChainsSection list={list} onSaved={(result) => query.setData(() => result)} />
        </>
      ) : null}
      <LocalModelsSection
        query={local}
        providers={list?.providers ?? []}
        onProviderAdded={(provider) => changed(t('status.addedLocal', { name: provider.name }))}
      />
      {dialog?.kind === 'edit' ? (
        <EditProviderDialog
          provider={dialog.provider}
          files={local.data?.files ?? []}
          onClose={() => setDialog(null)}
          onDone={(provider) => changed(t('status.saved', { name: provider.name }))}
        />
      ) : null}
      {dialog?.kind === 'remove' ? (
        <RemoveProviderDialog
          provider={dialog.provider}
          onClose={() => setDialog(null)}
          onDone={(provider) => changed(t('status.removed', { name: provider.name }))}
        />
      ) : null}
    </section>
  );
}
