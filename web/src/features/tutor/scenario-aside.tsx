import { lazy, Suspense } from 'react';
import type { Conversation, Message, TurnEvent } from '../../../../contracts/conversations.ts';
import { preloadNamespaces } from '../../i18n/i18n.ts';

const StructuredAside = lazy(async () => {
  const [module] = await Promise.all([
    import('./structured-aside.tsx'),
    preloadNamespaces(['tutor-session']),
  ]);
  return { default: module.StructuredAside };
});

export type ScenarioAsideProps = {
  conversation: Conversation;
  messages: readonly Message[];
  events?: Readonly<Record<string, TurnEvent[]>>;
  /**
   * Someone else reads the learner's transcript (an admin, a child's): the roles and goals, the
   * corrections setting as text, and neither "Finish" nor the summary (both are the learner's own).
   */
  readOnly?: boolean | undefined;
};

/**
 * Beside the chat of a role-play (or a structured mode): the roles, the goal checklist ticked as the
 * feedback analysis sees each goal met, the key words, and "Finish" for the summary.
 */
export function ScenarioAside(props: ScenarioAsideProps) {
  const { conversation } = props;
  const structured =
    Boolean(conversation.scenarioId) || (conversation.mode !== null && conversation.mode !== 'free');
  // A free conversation has no aside: its words are not loaded for it (and the chat does not wait for them).
  return structured ? (
    <Suspense fallback={null}>
      <StructuredAside {...props} />
    </Suspense>
  ) : null;
}
