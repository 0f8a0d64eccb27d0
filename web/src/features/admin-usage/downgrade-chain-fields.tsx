import { Link } from 'react-router';
import type { DowngradeChain } from '../../../../contracts/budget.ts';
import type {
  AdminProvider,
  ChainLinkView,
  ModelRole,
  ProviderList,
} from '../../../../contracts/providers.ts';
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

function sourceText(chain: DowngradeChain): string {
  if (chain.source === 'app') return 'Set in the app.';
  if (chain.source === 'environment')
    return 'Set in the server’s environment. Saving a change here sets it in the app, which wins.';
  return 'Not set yet.';
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
      <legend>Cheaper chain</legend>
      <p className="muted">
        At a cap, requests go to these models in order instead of being refused. {sourceText(chain)} The usual
        models are chosen on the <Link to="/admin/providers#chains">AI providers</Link> page.
      </p>
      {query.error ? (
        <p className="field-error">The providers could not be loaded: {query.error.message}</p>
      ) : null}
      {links.length === 0 ? (
        <p>No cheaper chain: requests at a cap are refused as under Block.</p>
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
        {links.length === 0 ? 'Add a provider' : 'Add a fallback'}
      </button>
    </fieldset>
  );
}
