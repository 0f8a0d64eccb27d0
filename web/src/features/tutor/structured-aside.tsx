import { useEffect, useState } from 'react';
import type { Conversation } from '../../../../contracts/conversations.ts';
import type { ConversationSummary, Scenario } from '../../../../contracts/tutor.ts';
import { useT } from '../../i18n/i18n.ts';
import { rich, slots } from '../../i18n/rich-text.tsx';
import type { ScenarioAsideProps as Props } from './scenario-aside.tsx';
import {
  conversationPolicyOptions,
  correctionCategoryLabel,
  fetchScenario,
  fetchSummary,
  finishConversation,
  updateConversationTutor,
} from './tutor-api.ts';

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
 * The aside itself, loaded (code and words) only for a structured conversation: a free conversation, the
 * most common, has none, and the conversation screen's first load has no room for it.
 */
export function StructuredAside({ conversation, messages, events, readOnly = false }: Props) {
  const t = useT('tutor-session');
  const [scenario, setScenario] = useState<Scenario | null>(null);
  const [summary, setSummary] = useState<ConversationSummary | null>(null);
  const [finishing, setFinishing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [policy, setPolicy] = useState(conversation.correctionPolicy ?? '');
  // Changed elsewhere too (the conversation's Tutor dialog): the select follows.
  useEffect(() => setPolicy(conversation.correctionPolicy ?? ''), [conversation.correctionPolicy]);
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

  const met = goalsMetFrom(conversation, events);
  const goals = scenario?.goals ?? [];
  const goalsMet = [...met].filter((id) => goals.some((goal) => goal.id === id)).length;
  const allMet = goals.length > 0 && goals.every((goal) => met.has(goal.id));
  // A built-in's brief for the tutor (roles, goals) is written in English only: marked as such.
  const roleLanguage = scenario?.builtIn ? 'en' : undefined;
  const learnerTurns = messages.filter((message) => message.role === 'learner').length;

  async function finish() {
    setFinishing(true);
    setError(null);
    try {
      setSummary(await finishConversation(conversation.id));
    } catch {
      setError(t('aside.summaryFailed'));
    } finally {
      setFinishing(false);
    }
  }

  return (
    <aside
      className="chat-aside scenario-aside"
      aria-label={scenario ? t('aside.scenarioGoals') : t('aside.session')}
    >
      {scenario ? (
        // On a phone the brief and the goals fold into one line above the chat, which keeps its room;
        // the summary still counts the goals met.
        <details className="aside-brief" open={!compact}>
          <summary>
            <h2 className="aside-title">{scenario.title}</h2>
            <span className="aside-count">
              {t('aside.goalCount', { met: goalsMet, total: goals.length })}
            </span>
          </summary>
          <p className="aside-roles">
            {rich(t(readOnly ? 'aside.rolesLearner' : 'aside.rolesYou', slots('learnerRole', 'tutorRole')), {
              learnerRole: <span lang={roleLanguage}>{scenario.learnerRole}</span>,
              tutorRole: <span lang={roleLanguage}>{scenario.tutorRole}</span>,
            })}
          </p>
          <h3 className="aside-heading">
            {t('aside.goals')}{' '}
            <span className="aside-count">
              {goalsMet}/{goals.length}
            </span>
          </h3>
          <ul className="goal-list" aria-label={t('aside.goals')}>
            {goals.map((goal) => (
              <li key={goal.id} className="goal" data-met={met.has(goal.id) || undefined}>
                <span aria-hidden="true" className="goal-mark">
                  {met.has(goal.id) ? '✓' : '○'}
                </span>
                <span lang={roleLanguage}>{goal.text}</span>
                <span className="visually-hidden">
                  {' '}
                  {met.has(goal.id) ? t('aside.met') : t('aside.notYet')}
                </span>
              </li>
            ))}
          </ul>
          {scenario.vocabulary[conversation.language]?.length ? (
            <details className="aside-words">
              <summary>{t('aside.keyWords')}</summary>
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
        <h2 className="aside-title">{t('aside.session')}</h2>
      )}
      {readOnly ? (
        <p className="aside-policy">
          <span className="aside-heading">{t('aside.corrections')}</span>
          <span>
            {policy === 'on-request'
              ? t('policy.learnerAsks')
              : (conversationPolicyOptions().find((option) => option.value === policy)?.label ?? policy)}
          </span>
        </p>
      ) : (
        <label className="aside-policy">
          <span className="aside-heading">{t('aside.corrections')}</span>
          <select
            value={policy}
            onChange={(event) => {
              const next = event.target.value;
              setPolicy(next);
              void updateConversationTutor(conversation.id, {
                correctionPolicy: next === '' ? null : next,
              }).catch(() => setError(t('aside.policyFailed')));
            }}
          >
            {conversationPolicyOptions().map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
      )}
      {readOnly ? (
        <div className="aside-finish">
          {allMet ? <p className="aside-done">{t('aside.allMet')}</p> : null}
          {conversation.endedAt ? <p className="muted">{t('aside.learnerFinished')}</p> : null}
        </div>
      ) : summary ? (
        <SummaryView summary={summary} />
      ) : (
        <div className="aside-finish">
          {allMet ? <p className="aside-done">{t('aside.allMetWellDone')}</p> : null}
          <button
            type="button"
            className={`button ${allMet ? 'button-primary' : 'button-secondary'}`}
            onClick={finish}
            disabled={finishing || learnerTurns === 0}
            aria-busy={finishing || undefined}
          >
            {t('aside.finish')}
          </button>
          {error ? <p className="field-error">{error}</p> : null}
        </div>
      )}
    </aside>
  );
}

function SummaryView({ summary }: { summary: ConversationSummary }) {
  const t = useT('tutor-session');
  return (
    <section
      className="conversation-summary"
      aria-label={t('summary.label')}
      data-testid="conversation-summary"
    >
      <h3 className="aside-heading">{t('summary.label')}</h3>
      {summary.goals.length ? (
        <p>
          {t('summary.goalsMet', {
            met: summary.goals.filter((goal) => goal.met).length,
            total: summary.goals.length,
          })}
        </p>
      ) : null}
      {summary.newWords.length ? (
        <>
          <h4>{t('summary.newWords')}</h4>
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
          <h4>{t('summary.mistakes')}</h4>
          <ul>
            {summary.mistakes.map((mistake, index) => (
              <li key={`${mistake.original}-${index}`}>
                <del>{mistake.original}</del> → <ins>{mistake.corrected}</ins>{' '}
                <span className="badge">{correctionCategoryLabel(mistake.category)}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h4>{t('summary.nextStep')}</h4>
      <p className="summary-suggestion">{summary.suggestion}</p>
    </section>
  );
}
