import { type CorrectionPolicy, correctionPolicies } from '../../../contracts/corrections.ts';
import type { RadioOption } from '../components/form-field.tsx';

/** The four correction policies, worded for whoever chooses: a learner for themself or an admin for everyone. */
export const correctionPolicyOptions: readonly (RadioOption & { value: CorrectionPolicy })[] = [
  { value: 'off', label: 'Off', description: 'No corrections: just conversation.' },
  { value: 'on-request', label: 'On request', description: 'Corrections only when asked for.' },
  {
    value: 'important',
    label: 'Important only',
    description: 'At most 3 corrections per turn, the mistakes that matter most.',
  },
  { value: 'all', label: 'All', description: 'Every mistake is corrected, however small.' },
];

export function isCorrectionPolicy(value: string): value is CorrectionPolicy {
  return (correctionPolicies as readonly string[]).includes(value);
}

export function correctionPolicyLabel(policy: CorrectionPolicy): string {
  return correctionPolicyOptions.find((option) => option.value === policy)?.label ?? policy;
}
