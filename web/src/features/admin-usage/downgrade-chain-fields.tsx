import { Link } from 'react-router';
import type { DowngradeChain } from '../../../../contracts/budget.ts';
import type {
  AdminProvider,
  ChainLinkView,
  ModelRole,
  ProviderList,
} from '../../../../contracts/providers.ts';
import { type Translate, useT } from '../../i18n/i18n.ts';
import { rich, slots } from '../../i18n/rich-text.tsx';
import { useApiQuery } from '../../lib/use-api-query.ts';
import { LinkFields } from '../admin-providers/chains-editor.tsx';
import '../admin-providers/providers.css';
import './downgrade-chain.css';

/** New links start from the providers' models for replies, what learners notice. */
const defaultsOf: ModelRole = 'conversation';

/** The chain API accepts at most this many links. */
const maxLinks = 8;

/** The links the editor starts from: the app's as set, else what the environment's resolves to. */
export function initialDowngradeLinks(chain: DowngradeChain): ChainLinkView[] {
  return (chain.source === 'app' ? chain.links : chain.effective).map((link) => ({ ...link }));
}

/** "anthropic:claude-haiku-4-5, local:llama3.2" — the chain as the policy's option names it. */
export function downgradeChainText(links: readonly ChainLinkView[]): string {
  return links.map((link) => `${link.provider}:${link.model}`).join(', ');
}

function sourceText(t: Translate<'admin-usage'>, chain: DowngradeChain): string {
  if (chain.source === 'app') return t('chain.fromApp');
  if (chain.source === 'environment') return t('chain.fromEnvironment');
  return t('chain.notSet');
}

/**
 * The cheaper chain a request goes to at a cap under "Downgrade": providers and models in order,
 * edited like the model chains (AI providers), saved with the server budget.
 */
export function DowngradeChainFields({
  chain,
  links,
  onChange,
}: {
  chain: DowngradeChain;
  links: ChainLinkView[];
  onChange: (links: ChainLinkView[]) => void;
}) {
  const t = useT('admin-usage');
  const query = useApiQuery<ProviderList>('/api/admin/providers');
  const providers: readonly AdminProvider[] = query.data?.providers ?? [];

  function move(index: number, offset: -1 | 1) {
    const target = index + offset;
    if (target < 0 || target >= links.length) return;
    const next = [...links];
    [next[index], next[target]] = [next[target]!, next[index]!];
    onChange(next);
  }

  function addLink() {
    const used = new Set(links.map((link) => link.provider));
    const provider = providers.find((item) => !used.has(item.id)) ?? providers[0];
    onChange([
      ...links,
      {
        provider: provider?.id ?? '',
        model: provider?.defaultModels.conversation ?? provider?.models[0] ?? '',
      },
    ]);
  }

  return (
    <fieldset className="downgrade-chain">
      <legend>{t('chain.legend')}</legend>
      <p className="muted">
        {t('chain.lead')} {sourceText(t, chain)}{' '}
        {rich(t('chain.usual', slots('link')), {
          link: <Link to="/admin/providers#chains">{t('chain.providers')}</Link>,
        })}
      </p>
      {query.error ? (
        <p className="field-error">{t('chain.loadFailed', { message: query.error.message })}</p>
      ) : null}
      {links.length === 0 ? (
        <p>{t('chain.none')}</p>
      ) : (
        <ol className="chain-links">
          {links.map((link, index) => (
            <LinkFields
              // Links have no id of their own; their position is who they are while editing.
              key={index}
              link={link}
              index={index}
              count={links.length}
              providers={providers}
              role={defaultsOf}
              onChange={(next) => onChange(links.map((item, position) => (position === index ? next : item)))}
              onMove={(offset) => move(index, offset)}
              onRemove={() => onChange(links.filter((_, position) => position !== index))}
            />
          ))}
        </ol>
      )}
      <button
        type="button"
        className="button button-secondary"
        onClick={addLink}
        disabled={links.length >= maxLinks || providers.length === 0}
      >
        {links.length === 0 ? t('chain.addProvider') : t('chain.addFallback')}
      </button>
    </fieldset>
  );
}
