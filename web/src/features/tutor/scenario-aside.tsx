import { useEffect, useState } from 'react';
import type { Conversation, Message, TurnEvent } from '../../../../contracts/conversations.ts';
import type { ConversationSummary, Scenario } from '../../../../contracts/tutor.ts';
import {
  conversationPolicyOptions,
  correctionCategoryLabels,
  fetchScenario,
  fetchSummary,
  finishConversation,
  updateConversationTutor,
} from './tutor-api.ts';

type Props = {
  conversation: Conversation;
  messages: readonly Message[];
  events?: Readonly<Record<string, TurnEvent[]>>;
  /**
   * Someone else reads the learner's transcript (an admin, a child's): the roles and goals, the
   * corrections setting as text, and neither "Finish" nor the summary (both are the learner's own).
   */
  readOnly?: boolean | undefined;
};

/** Goals met so far: what the conversation said when loaded, plus every feedback event since. */
function goalsMetFrom(conversation: Conversation, events: Props['events']): Set<string> {
  const met = new Set(conversation.goalsMet ?? []);
  for (const list of Object.values(events ?? {}))
    for (const event of list)
      if (event.type === 'feedback')
        for (const id of (event as { scenarioGoalsMet?: string[] }).scenarioGoalsMet ?? []) met.add(id);
  return met;
}

/**
 * Beside the chat of a role-play (or a structured mode): the roles, the goal checklist ticked as the
 * feedback analysis sees each goal met, the key words, and "Finish" for the summary.
 */
export function ScenarioAside({ conversation, messages, events, readOnly = false }: Props) {
  const [scenario, setScenario] = useState<Scenario | null>(null);
  const [summary, setSummary] = useState<ConversationSummary | null>(null);
  const [finishing, setFinishing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [policy, setPolicy] = useState(conversation.correctionPolicy ?? '');
  // Changed elsewhere too (the conversation's Tutor dialog): the select follows.
  useEffect(() => setPolicy(conversation.correctionPolicy ?? ''), [conversation.correctionPolicy]);
  const structured =
    Boolean(conversation.scenarioId) || (conversation.mode !== null && conversation.mode !== 'free');

  useEffect(() => {
    if (!conversation.scenarioId) return;
    const controller = new AbortController();
    fetchScenario(conversation.scenarioId, controller.signal)
      .then(setScenario)
      .catch(() => setScenario(null));
    return () => controller.abort();
  }, [conversation.scenarioId]);

  // The phone layout's breakpoint (conversations.css): there the brief starts folded.
  const [compact] = useState(
    () => typeof window.matchMedia === 'function' && window.matchMedia('(max-width: 767px)').matches,
  );

  useEffect(() => {
    if (!conversation.endedAt || readOnly) return;
    const controller = new AbortController();
    fetchSummary(conversation.id, controller.signal)
      .then(setSummary)
      .catch(() => {});
    return () => controller.abort();
  }, [conversation.id, conversation.endedAt, readOnly]);

  if (!structured) return null;
  const met = goalsMetFrom(conversation, events);
  const goals = scenario?.goals ?? [];
  const goalsMet = [...met].filter((id) => goals.some((goal) => goal.id === id)).length;
  const allMet = goals.length > 0 && goals.every((goal) => met.has(goal.id));
  const learnerTurns = messages.filter((message) => message.role === 'learner').length;

  async function finish() {
    setFinishing(true);
    setError(null);
    try {
      setSummary(await finishConversation(conversation.id));
    } catch {
      setError('Could not make the summary. Try again.');
    } finally {
      setFinishing(false);
    }
  }

  return (
    <aside className="chat-aside scenario-aside" aria-label={scenario ? 'Scenario goals' : 'Session'}>
      {scenario ? (
        // On a phone the brief and the goals fold into one line above the chat, which keeps its room;
        // the summary still counts the goals met.
        <details className="aside-brief" open={!compact}>
          <summary>
            <h2 className="aside-title">{scenario.title}</h2>
            <span className="aside-count">
              {goalsMet}/{goals.length} goals
            </span>
          </summary>
          <p className="aside-roles">
            {readOnly ? 'The learner is' : 'You are'} {scenario.learnerRole}; the tutor is{' '}
            {scenario.tutorRole}.
          </p>
          <h3 className="aside-heading">
            Goals{' '}
            <span className="aside-count">
              {goalsMet}/{goals.length}
            </span>
          </h3>
          <ul className="goal-list" aria-label="Goals">
            {goals.map((goal) => (
              <li key={goal.id} className="goal" data-met={met.has(goal.id) || undefined}>
                <span aria-hidden="true" className="goal-mark">
                  {met.has(goal.id) ? '✓' : '○'}
                </span>
                <span>{goal.text}</span>
                <span className="visually-hidden">{met.has(goal.id) ? ' (met)' : ' (not yet)'}</span>
              </li>
            ))}
          </ul>
          {scenario.vocabulary[conversation.language]?.length ? (
            <details className="aside-words">
              <summary>Key words and phrases</summary>
              <ul>
                {scenario.vocabulary[conversation.language]?.map((item) => (
                  <li key={item.text}>
                    <span lang={conversation.language}>{item.text}</span>
                    {item.meaning ? <span className="word-translation"> — {item.meaning}</span> : null}
                  </li>
                ))}
              </ul>
              <ul>
                {scenario.phrases[conversation.language]?.map((item) => (
                  <li key={item.text} lang={conversation.language}>
                    {item.text}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </details>
      ) : (
        <h2 className="aside-title">Session</h2>
      )}
      {readOnly ? (
        <p className="aside-policy">
          <span className="aside-heading">Corrections</span>
          <span>
            {policy === 'on-request'
              ? 'Only when the learner asks'
              : (conversationPolicyOptions.find((option) => option.value === policy)?.label ?? policy)}
          </span>
        </p>
      ) : (
        <label className="aside-policy">
          <span className="aside-heading">Corrections</span>
          <select
            value={policy}
            onChange={(event) => {
              const next = event.target.value;
              setPolicy(next);
              void updateConversationTutor(conversation.id, {
                correctionPolicy: next === '' ? null : next,
              }).catch(() => setError('Could not change the corrections setting.'));
            }}
          >
            {conversationPolicyOptions.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
      )}
      {readOnly ? (
        <div className="aside-finish">
          {allMet ? <p className="aside-done">All goals met.</p> : null}
          {conversation.endedAt ? <p className="muted">The learner finished this conversation.</p> : null}
        </div>
      ) : summary ? (
        <SummaryView summary={summary} />
      ) : (
        <div className="aside-finish">
          {allMet ? <p className="aside-done">All goals met. Well done!</p> : null}
          <button
            type="button"
            className={`button ${allMet ? 'button-primary' : 'button-secondary'}`}
            onClick={finish}
            disabled={finishing || learnerTurns === 0}
            aria-busy={finishing || undefined}
          >
            Finish and see the summary
          </button>
          {error ? <p className="field-error">{error}</p> : null}
        </div>
      )}
    </aside>
  );
}

function SummaryView({ summary }: { summary: ConversationSummary }) {
  return (
    <section className="conversation-summary" aria-label="Summary" data-testid="conversation-summary">
      <h3 className="aside-heading">Summary</h3>
      {summary.goals.length ? (
        <p>
          Goals met: {summary.goals.filter((goal) => goal.met).length} of {summary.goals.length}
        </p>
      ) : null}
      {summary.newWords.length ? (
        <>
          <h4>New words</h4>
          <ul>
            {summary.newWords.map((word) => (
              <li key={word.term}>
                {word.term} <span className="word-translation">— {word.translation}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {summary.mistakes.length ? (
        <>
          <h4>Mistakes to remember</h4>
          <ul>
            {summary.mistakes.map((mistake, index) => (
              <li key={`${mistake.original}-${index}`}>
                <del>{mistake.original}</del> → <ins>{mistake.corrected}</ins>{' '}
                <span className="badge">
                  {correctionCategoryLabels[mistake.category] ?? mistake.category}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h4>Next step</h4>
      <p className="summary-suggestion">{summary.suggestion}</p>
    </section>
  );
}
