import { type CorrectionPolicy, correctionPolicies } from '../../../contracts/corrections.ts';
import type { RadioOption } from '../components/form-field.tsx';
import { translate } from '../i18n/i18n.ts';

/**
 * The four correction policies (the `corrections` catalogue: a component showing them calls
 * `useT('corrections')` so that it is loaded), worded for whoever chooses: a learner for themself or an admin for everyone. */
export function correctionPolicyOptions(): (RadioOption & { value: CorrectionPolicy })[] {
  return correctionPolicies.map((value) => ({
    value,
    label: translate(`corrections.${value}`),
    description: translate(`corrections.${value}.description`),
  }));
}

export function isCorrectionPolicy(value: string): value is CorrectionPolicy {
  return (correctionPolicies as readonly string[]).includes(value);
}

export function correctionPolicyLabel(policy: CorrectionPolicy): string {
  return translate(`corrections.${policy}`);
}
