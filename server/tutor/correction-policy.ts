import type { CorrectionPolicy } from '../../contracts/auth.ts';
import {
  type Correction,
  type CorrectionCategory,
  type EffectiveCorrectionPolicy,
  type Severity,
  type TutorMode,
  tutorModeCatalogue,
} from '../../contracts/tutor.ts';

/** At most this many corrections show under "important only". */
export const importantLimit = 3;

/**
 * The policy a conversation uses: the learner's explicit choice for this conversation, else their
 * explicit profile choice, else the mode's default. Free conversation, role-plays and negotiation
 * have the general default ("important only"), which the admin's server setting replaces; the
 * other modes keep their own (interview, teacher and grammar focus need all corrections, explain
 * none).
 */
export function effectiveCorrectionPolicy(input: {
  conversationPolicy: string | null;
  profilePolicy: string | null;
  profilePolicyExplicit: boolean;
  mode: TutorMode | null;
  serverDefault?: CorrectionPolicy | undefined;
}): EffectiveCorrectionPolicy {
  if (input.conversationPolicy) return input.conversationPolicy as CorrectionPolicy;
  if (input.profilePolicyExplicit && input.profilePolicy) return input.profilePolicy as CorrectionPolicy;
  const mode = tutorModeCatalogue.find((info) => info.id === (input.mode ?? 'free'));
  const modeDefault = mode?.defaultCorrectionPolicy ?? 'important';
  return modeDefault === 'important' ? (input.serverDefault ?? 'important') : modeDefault;
}

const severityRank: Record<Severity, number> = { major: 0, moderate: 1, minor: 2 };
const vocabularyCategories = new Set<CorrectionCategory>(['vocabulary-choice', 'spelling', 'gender']);

/**
 * Which corrections the learner sees now and how many the policy holds back. The hidden ones are
 * stored all the same: "on request" reveals them, and error patterns count them.
 */
export function applyCorrectionPolicy(
  corrections: Correction[],
  policy: EffectiveCorrectionPolicy,
  focusCategories: CorrectionCategory[] = [],
): { visible: Correction[]; hidden: number } {
  const focusRank = (correction: Correction) => {
    const index = focusCategories.indexOf(correction.category);
    return index === -1 ? focusCategories.length : index;
  };
  const ordered = [...corrections].sort(
    (a, b) => focusRank(a) - focusRank(b) || severityRank[a.severity] - severityRank[b.severity],
  );
  let visible: Correction[];
  switch (policy) {
    case 'off':
    case 'on-request':
      visible = [];
      break;
    case 'important':
      visible = ordered.filter((correction) => correction.severity !== 'minor').slice(0, importantLimit);
      break;
    case 'vocabulary':
      visible = ordered.filter((correction) => vocabularyCategories.has(correction.category));
      break;
    default:
      visible = ordered;
  }
  // The policy picks which; the learner reads them in the order they occur in the message, unless
  // focus categories (grammar focus, teacher mode) should come first.
  if (focusCategories.length === 0)
    visible.sort((a, b) => (a.offset ?? Number.MAX_SAFE_INTEGER) - (b.offset ?? Number.MAX_SAFE_INTEGER));
  return { visible, hidden: corrections.length - visible.length };
}
