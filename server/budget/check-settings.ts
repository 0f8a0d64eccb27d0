import type { Config } from '../config.ts';
import { parseChain } from '../llm/chains.ts';
import type { Provider } from '../llm/providers.ts';

/** Budget settings that cannot work as written, for a start-up warning. */
export function checkBudgetSettings(config: Config, providers: Provider[]): string[] {
  const problems: string[] = [];
  if (config.BUDGET_DOWNGRADE_CHAIN) {
    problems.push(
      ...parseChain(config.BUDGET_DOWNGRADE_CHAIN, providers, 'conversation').problems.map(
        (problem) => `BUDGET_DOWNGRADE_CHAIN: ${problem}`,
      ),
    );
  } else if (config.BUDGET_POLICY === 'downgrade') {
    problems.push(
      'BUDGET_POLICY=downgrade but BUDGET_DOWNGRADE_CHAIN is empty: unless an admin sets a cheaper chain in the app (Usage → Server budget), requests at a cap are refused as under "block".',
    );
  }
  return problems;
}
