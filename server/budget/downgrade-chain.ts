import type { Kysely } from 'kysely';
import type { DowngradeChain } from '../../contracts/budget.ts';
import type { ChainLinkView } from '../../contracts/chain-link.ts';
import type { ChangeNotifier } from '../db/change-notifier.ts';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../lib/clock.ts';
import { downgradeChainRole, toLinks } from '../llm/chains.ts';
import { checkChainProviders } from '../llm/provider-admin.ts';
import type { ProviderRegistry } from '../llm/provider-registry.ts';

/*
 * The cheaper chain a call goes to at a budget cap under the downgrade policy, set by the admin
 * beside the policy. It is stored with the model chains (`llm_chains`, role "downgrade") and
 * published on `llm-settings`, so every process reloads it and uses it from its next call; the
 * environment's BUDGET_DOWNGRADE_CHAIN applies while the app has none.
 */

export type DowngradeChainDeps = {
  db: Kysely<Database>;
  clock: Clock;
  registry: ProviderRegistry;
  changes: ChangeNotifier;
};

/** The cheaper chain as set, where it is set, and what a call at the cap goes to now. */
export function readDowngradeChain(registry: ProviderRegistry): DowngradeChain {
  const setting = registry.chains().downgrade;
  if (!setting) return { links: [], source: null, effective: [] };
  return {
    links: setting.links.map((link) => ({ provider: link.provider, model: link.model ?? '' })),
    source: setting.source,
    // Shown with the conversation role's default models: replies are what learners notice.
    effective: toLinks(setting.links, registry.list(), 'conversation').links.map((link) => ({
      provider: link.provider.id,
      model: link.model,
    })),
  };
}

/** Sets the app's cheaper chain; an empty list removes it (BUDGET_DOWNGRADE_CHAIN applies again). */
export async function setDowngradeChain(deps: DowngradeChainDeps, links: ChainLinkView[]): Promise<void> {
  checkChainProviders(deps.registry, links, 'downgradeChain');
  const match = { role: downgradeChainRole, language: '' };
  if (links.length === 0) {
    await deps.db
      .deleteFrom('llm_chains')
      .where('role', '=', match.role)
      .where('language', '=', match.language)
      .execute();
  } else {
    const links_json = JSON.stringify(links);
    const now = deps.clock.now().toISOString();
    await deps.db
      .insertInto('llm_chains')
      .values({ ...match, links_json, updated_at: now })
      .onConflict((conflict) =>
        conflict.columns(['role', 'language']).doUpdateSet({ links_json, updated_at: now }),
      )
      .execute();
  }
  // Every process (this one first) reads the chains again before the next call.
  await deps.changes.publish('llm-settings');
  await deps.registry.reload();
}
