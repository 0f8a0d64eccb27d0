import { type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import { correctionCategoryLabels } from '../../../../contracts/corrections.ts';
import type { Progress } from '../../../../contracts/progress.ts';
import { xpRules } from '../../../../contracts/xp-rules.ts';
import { BarChart } from '../../components/bar-chart.tsx';
import { InfoToggle } from '../../components/info-toggle.tsx';
import { ProgressBar } from '../../components/progress-bar.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { TableScroll } from '../../components/table-scroll.tsx';
import { shortDate } from '../../lib/dates.ts';
import { languageName, levelDescription } from '../../lib/languages.ts';
import { useApiQuery } from '../../lib/use-api-query.ts';
import { ReviewForecast } from '../vocabulary/forecast-chart.tsx';
import './progress.css';

/**
 * Loads a progress dashboard from `endpoint` (the learner's own or, for an admin, a member's) and
 * reloads it for another target language.
 */
export function useProgress(endpoint: string) {
  const [language, setLanguage] = useState<string | null>(null);
  const query = useApiQuery<Progress>(
    language ? `${endpoint}?language=${encodeURIComponent(language)}` : endpoint,
  );
  return { query, setLanguage };
}

/** Whose dashboard it is: the learner's own (with links to act on it) or a member's, read-only. */
type View = { kind: 'self'; child?: boolean } | { kind: 'admin'; username: string };

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** Nothing recorded yet: no activity day, no card and no role-play. */
export function isBrandNew(progress: Progress): boolean {
  return progress.streak.longest === 0 && progress.words.total === 0 && progress.scenarios.started === 0;
}

/**
 * The progress dashboard: streak, today against the daily goal, turns, words, reviews due,
 * mistakes by category, role-plays and level, all from the learner's stored activity. Every chart
 * has a table for screen readers. The same component shows an admin a member's dashboard, without
 * the links that would act on it.
 */
export function ProgressDashboard({
  progress,
  view,
  onLanguageChange,
  busy = false,
}: {
  progress: Progress;
  view: View;
  onLanguageChange: (language: string) => void;
  busy?: boolean;
}) {
  const own = view.kind === 'self';
  // A child's own dashboard keeps to what a child asks about: no rule tables, no time zones.
  const child = view.kind === 'self' && view.child === true;
  const language = progress.language ? languageName(progress.language) : 'all languages';
  const brandNew = isBrandNew(progress);
  return (
    <div className="progress-dashboard" aria-busy={busy || undefined}>
      {progress.languages.length > 1 ? (
        <div className="progress-language">
          <SelectField
            label="Show progress for"
            name="language"
            value={progress.language ?? ''}
            onChange={onLanguageChange}
            options={progress.languages.map((entry) => ({
              value: entry.language,
              label: languageName(entry.language),
            }))}
          />
        </div>
      ) : null}

      {brandNew ? (
        <DashboardCard
          id="empty"
          title={own ? 'Nothing to show yet' : `${view.username} has not practised yet`}
          className="progress-empty"
        >
          {own ? (
            <>
              <p>
                Start a conversation or review cards: your streak, minutes, words and mistakes appear here as
                soon as you practise.
              </p>
              <p className="progress-actions">
                <Link to="/conversations" className="button button-primary">
                  Start a conversation
                </Link>
                <Link to="/vocabulary" className="button">
                  Review cards
                </Link>
                <Link to="/grammar" className="button">
                  Practise grammar
                </Link>
              </p>
            </>
          ) : (
            <p>Their streak, minutes, words and mistakes appear here once they practise.</p>
          )}
        </DashboardCard>
      ) : null}

      <div className="card-grid progress-grid">
        {brandNew ? null : <StreakCard progress={progress} own={own} />}
        <GoalCard progress={progress} own={own} />
        {/* Short cards share a cell of the grid in pairs: six cells fill two rows of three. */}
        <div className="progress-stack">
          <ExperienceCard progress={progress} own={own} child={child} />
          <LevelCard progress={progress} own={own} />
        </div>
        {brandNew ? null : (
          <>
            <TurnsCard progress={progress} language={language} />
            <div className="progress-stack">
              <WordsCard progress={progress} language={language} own={own} />
              <ScenariosCard progress={progress} language={language} own={own} />
            </div>
            <ReviewsCard progress={progress} language={language} own={own} />
            <MistakesCard progress={progress} language={language} child={child} />
          </>
        )}
        <AchievementsCard progress={progress} own={own} />
      </div>
    </div>
  );
}

function StreakCard({ progress, own }: { progress: Progress; own: boolean }) {
  const { current, longest, activeToday, freezes } = progress.streak;
  let status: string;
  if (activeToday) status = own ? 'You practised today.' : 'Practised today.';
  else if (current > 0) status = own ? 'Practise today to keep it going.' : 'Not practised today yet.';
  else status = own ? 'Practise today to start a new streak.' : 'No streak at the moment.';
  return (
    <DashboardCard
      id="streak"
      title="Streak"
      help={
        <>
          <p>
            A day counts when {own ? 'you send' : 'they send'} a message, review a card or answer a grammar
            question, in any language (days in {progress.timeZone} time).
          </p>
          <p>
            Every {freezes.earnEvery} days in a row earn a freeze (at most {freezes.maxHeld} held); a freeze
            covers a missed day so the streak goes on.
          </p>
        </>
      }
    >
      <BigNumber value={current} unit={`${current === 1 ? 'day' : 'days'} in a row`} />
      <p>{status}</p>
      <p className="muted">Longest streak: {plural(longest, 'day')}</p>
      <dl className="progress-figures">
        <div>
          <dt>Streak freezes</dt>
          <dd>
            {freezes.held} of {freezes.maxHeld}
          </dd>
        </div>
      </dl>
      {freezes.frozenDays.length > 0 ? (
        <p>
          <span aria-hidden="true">❄ </span>
          Frozen {freezes.frozenDays.length === 1 ? 'day' : 'days'}:{' '}
          {freezes.frozenDays.map((day) => shortDate(day)).join(', ')}
        </p>
      ) : null}
      <p className="muted">
        {freezes.nextIn === null
          ? 'All freezes held.'
          : `Next freeze after ${plural(freezes.nextIn, 'more day')} in a row.`}
      </p>
    </DashboardCard>
  );
}

function GoalCard({ progress, own }: { progress: Progress; own: boolean }) {
  const { goalMinutes, minutesToday, days } = progress.dailyGoal;
  const percent = goalMinutes === 0 ? 100 : Math.min(100, Math.round((minutesToday / goalMinutes) * 100));
  const left = Math.max(0, goalMinutes - minutesToday);
  return (
    <DashboardCard
      id="goal"
      title="Today"
      help={
        <p>
          Estimated from {own ? 'your' : 'their'} activity in every language: messages, reviews and grammar
          answers at most 5 minutes apart make one session, counted from 1 minute before its first activity to
          its last.
        </p>
      }
    >
      <BigNumber value={minutesToday} unit={`of ${goalMinutes} minutes`} />
      <ProgressBar
        trackClassName="progress-track"
        fillClassName="progress-fill"
        label="Daily goal"
        percent={percent}
        text={`${minutesToday} of ${goalMinutes} minutes`}
      />
      <p>{left === 0 ? 'Daily goal reached.' : `${plural(left, 'minute')} to go for the daily goal.`}</p>
      <BarChart
        bars={days.map((day) => ({ key: day.date, label: shortDate(day.date), value: day.minutes }))}
        caption="Minutes per day, last 30 days"
        tableCaption="Minutes practised per day"
        valueHeading="Minutes"
        highlight={progress.today}
        target={goalMinutes}
        empty="Nothing practised in the last 30 days."
      />
      {own ? (
        <p>
          <Link to="/settings">Change languages, level or goal</Link>
        </p>
      ) : null}
    </DashboardCard>
  );
}

function TurnsCard({ progress, language }: { progress: Progress; language: string }) {
  const { today, last7Days, total, days } = progress.turns;
  return (
    <DashboardCard
      id="turns"
      title="Conversation turns"
      help={<p>Messages sent to the tutor in {language}.</p>}
    >
      <dl className="progress-figures">
        <div>
          <dt>Today</dt>
          <dd>{today}</dd>
        </div>
        <div>
          <dt>Last 7 days</dt>
          <dd>{last7Days}</dd>
        </div>
        <div>
          <dt>All time</dt>
          <dd>{total}</dd>
        </div>
      </dl>
      <BarChart
        bars={days.map((day) => ({ key: day.date, label: shortDate(day.date), value: day.count }))}
        caption="Turns per day, last 30 days"
        tableCaption="Conversation turns per day"
        valueHeading="Turns"
        highlight={progress.today}
        empty={`No turns in ${language} in the last 30 days.`}
      />
    </DashboardCard>
  );
}

function WordsCard({ progress, language, own }: { progress: Progress; language: string; own: boolean }) {
  const { learned, mature, total } = progress.words;
  return (
    <DashboardCard
      id="words"
      title="Words"
      help={<p>Learned: reviewed at least once. Mature: next review 21 days or more away.</p>}
    >
      <BigNumber value={learned} unit="learned" />
      <dl className="progress-figures">
        <div>
          <dt>Mature</dt>
          <dd>{mature}</dd>
        </div>
        <div>
          <dt>Cards in {language}</dt>
          <dd>{total}</dd>
        </div>
      </dl>
      {own ? (
        <p>
          <Link to="/vocabulary/decks">Your decks</Link>
        </p>
      ) : null}
    </DashboardCard>
  );
}

function ReviewsCard({ progress, language, own }: { progress: Progress; language: string; own: boolean }) {
  const { dueNow, newAvailable, forecast } = progress.reviews;
  return (
    <DashboardCard id="reviews" title="Reviews due">
      <BigNumber value={dueNow} unit="due now" />
      <p className="muted">
        {plural(newAvailable, 'new card')} can start today, in {language}.
      </p>
      <ReviewForecast days={forecast} />
      {own && dueNow + newAvailable > 0 ? (
        <p>
          <Link to="/vocabulary" className="button button-small">
            Review now
          </Link>
        </p>
      ) : null}
    </DashboardCard>
  );
}

function ScenariosCard({ progress, language, own }: { progress: Progress; language: string; own: boolean }) {
  const { completed, started, recent } = progress.scenarios;
  return (
    <DashboardCard
      id="scenarios"
      title="Role-plays"
      help={<p>Completed means every goal of the role-play was reached.</p>}
    >
      <BigNumber value={completed} unit="completed" />
      <p className="muted">
        {plural(started, 'role-play')} started in {language}.
      </p>
      {recent.length > 0 ? (
        <ul className="progress-list">
          {recent.map((item) => (
            <li key={item.conversationId}>{item.title}</li>
          ))}
        </ul>
      ) : null}
      {own ? (
        <p>
          <Link to="/tutor">Find a scenario</Link>
        </p>
      ) : null}
    </DashboardCard>
  );
}

function LevelCard({ progress, own }: { progress: Progress; own: boolean }) {
  const level = progress.level.level;
  return (
    <DashboardCard
      id="level"
      title="Language level"
      help={
        level ? (
          <p>
            Self-assessed: the level {own ? 'you' : 'they'} set for {languageName(progress.language)}. Charla
            does not estimate levels.
          </p>
        ) : undefined
      }
    >
      {level ? (
        <>
          <p className="big-number">{level}</p>
          <p>{levelDescription(level)}</p>
        </>
      ) : own ? (
        <p>
          You have not chosen a language to learn yet. <Link to="/settings">Choose one in settings</Link>.
        </p>
      ) : (
        <p>No language to learn chosen yet.</p>
      )}
    </DashboardCard>
  );
}

/** XP per kind, in the table's order, with what earns it. */
const xpRuleText: Record<Progress['xp']['kinds'][number]['kind'], string> = {
  turns: `${xpRules.turns.xp} XP a turn of ${xpRules.turns.minCharacters} characters or more, not sent before`,
  reviews: `${xpRules.reviews.recalled} XP a card recalled, ${xpRules.reviews.again} XP a card forgotten (Again)`,
  grammar: `${xpRules.grammar.xp} XP a correct answer`,
  goals: `${xpRules.goals.xp} XP a goal met`,
  'role-plays': `${xpRules['role-plays'].xp} XP a role-play with every goal met`,
  'daily-goal': `${xpRules['daily-goal'].xp} XP a day the daily goal is reached`,
};

function ExperienceCard({ progress, own, child }: { progress: Progress; own: boolean; child: boolean }) {
  const { total, today, level, levelStartXp, nextLevelXp, kinds } = progress.xp;
  const span = nextLevelXp - levelStartXp;
  const into = total - levelStartXp;
  const percent = Math.min(100, Math.floor((into / span) * 100));
  return (
    <DashboardCard
      id="experience"
      title="Experience"
      help={
        <p>
          Only {own ? 'your' : 'their'} practice earns XP, in every language, with a cap per kind and day.
          Each level takes 100 XP more than the one before.
        </p>
      }
    >
      <BigNumber value={`Level ${level}`} unit={`${total.toLocaleString('en-GB')} XP`} />
      <ProgressBar
        trackClassName="progress-track"
        fillClassName="progress-fill"
        label={`Progress to level ${level + 1}`}
        percent={percent}
        text={`${into.toLocaleString('en-GB')} of ${span.toLocaleString('en-GB')} XP`}
      />
      <p>
        {(nextLevelXp - total).toLocaleString('en-GB')} XP to level {level + 1}.{' '}
        {today.toLocaleString('en-GB')} XP today.
      </p>
      {child ? null : (
        <details className="progress-details">
          <summary>Where the XP came from</summary>
          <TableScroll label="XP by kind of practice">
            <table className="xp-table">
              <caption className="visually-hidden">XP by kind of practice</caption>
              <thead>
                <tr>
                  <th scope="col" className="xp-heading">
                    Practice
                  </th>
                  <th scope="col" className="xp-heading xp-number">
                    Today
                  </th>
                  <th scope="col" className="xp-heading xp-number">
                    All time
                  </th>
                </tr>
              </thead>
              <tbody>
                {kinds.map((entry) => (
                  <tr key={entry.kind}>
                    <th scope="row">
                      {xpRules[entry.kind].label}{' '}
                      <span className="xp-rule">
                        {xpRuleText[entry.kind]}
                        {entry.kind === 'daily-goal'
                          ? ''
                          : `; at most ${xpRules[entry.kind].dailyCap} XP a day`}
                      </span>
                    </th>
                    <td className="xp-number">{entry.today}</td>
                    <td className="xp-number">{entry.total.toLocaleString('en-GB')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </details>
      )}
    </DashboardCard>
  );
}

/** How many locked achievements the card shows as within reach; the rest wait behind a disclosure. */
const nextUpCount = 2;

/**
 * The locked achievements nearest to being earned: the smallest share of the goal left, then the
 * fewest steps left, then the catalogue's order. On day one that is the first turn and the first card.
 */
export function withinReach(locked: Progress['achievements']): Progress['achievements'] {
  const left = (entry: Progress['achievements'][number]) => entry.goal - entry.progress;
  return locked
    .map((entry, index) => ({ entry, index }))
    .sort(
      (a, b) =>
        left(a.entry) / a.entry.goal - left(b.entry) / b.entry.goal ||
        left(a.entry) - left(b.entry) ||
        a.index - b.index,
    )
    .map(({ entry }) => entry);
}

function AchievementsCard({ progress, own }: { progress: Progress; own: boolean }) {
  const earned = progress.achievements.filter((achievement) => achievement.earnedOn !== null);
  const locked = progress.achievements.filter((achievement) => achievement.earnedOn === null);
  const next = withinReach(locked).slice(0, nextUpCount);
  const rest = locked.filter((achievement) => !next.includes(achievement));
  return (
    <DashboardCard
      id="achievements"
      title="Achievements"
      className="progress-wide"
      help={
        <p>
          Earned from {own ? 'your' : 'their'} practice in every language. Achievements earn no XP of their
          own.
        </p>
      }
    >
      <p className="muted">
        {earned.length} of {progress.achievements.length} earned.
      </p>
      {earned.length > 0 ? (
        <>
          <h3 className="achievement-heading">Earned</h3>
          <ul className="achievement-list">
            {earned.map((achievement) => (
              <li key={achievement.id} className="achievement achievement-earned">
                <p className="achievement-title">
                  <span aria-hidden="true">★ </span>
                  {achievement.title}
                </p>
                <p className="achievement-status">Earned {shortDate(achievement.earnedOn ?? '')}</p>
                <p className="muted">{achievement.description}</p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {next.length > 0 ? (
        <>
          <h3 className="achievement-heading">Next up</h3>
          <LockedAchievements achievements={next} />
        </>
      ) : null}
      {rest.length > 0 ? (
        <details className="progress-details">
          <summary>{rest.length} more to earn</summary>
          <LockedAchievements achievements={rest} />
        </details>
      ) : null}
    </DashboardCard>
  );
}

function LockedAchievements({ achievements }: { achievements: Progress['achievements'] }) {
  return (
    <ul className="achievement-list">
      {achievements.map((achievement) => (
        <li key={achievement.id} className="achievement">
          <p className="achievement-title">{achievement.title}</p>
          <p className="achievement-status">
            {achievement.progress.toLocaleString('en-GB')} of {achievement.goal.toLocaleString('en-GB')}
          </p>
          <ProgressBar
            trackClassName="progress-track"
            fillClassName="progress-fill"
            label={achievement.title}
            percent={Math.floor((achievement.progress / achievement.goal) * 100)}
            text={`${achievement.progress} of ${achievement.goal}`}
          />
          <p className="muted">{achievement.description}</p>
        </li>
      ))}
    </ul>
  );
}

/** One card of the dashboard: a region named by its heading. */
function DashboardCard({
  id,
  title,
  className,
  help,
  children,
}: {
  id: string;
  title: string;
  className?: string;
  /** What the card's numbers mean, behind a "?" beside the title. */
  help?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className={className ? `card ${className}` : 'card'} aria-labelledby={`progress-${id}`}>
      {help ? (
        <div className="has-info">
          <h2 id={`progress-${id}`}>{title}</h2>
          <InfoToggle label={`About ${title.toLowerCase()}`}>{help}</InfoToggle>
        </div>
      ) : (
        <h2 id={`progress-${id}`}>{title}</h2>
      )}
      {children}
    </section>
  );
}

function BigNumber({ value, unit }: { value: ReactNode; unit: string }) {
  return (
    <p className="big-number">
      {value} <span className="big-number-unit">{unit}</span>
    </p>
  );
}

/** Heat shading for a count: stays light enough for the number on it to keep its contrast. */
function heat(value: number, max: number): string | undefined {
  if (value === 0) return undefined;
  return `color-mix(in srgb, var(--primary) ${Math.round(8 + (27 * value) / max)}%, transparent)`;
}

function MistakesCard({
  progress,
  language,
  child,
}: {
  progress: Progress;
  language: string;
  child: boolean;
}) {
  const { weeks, categories } = progress.mistakes;
  const max = Math.max(1, ...categories.flatMap((category) => category.counts));
  return (
    <DashboardCard id="mistakes" title="Mistakes by category" className="progress-wide">
      {categories.length === 0 ? (
        <p className="muted">No corrections in {language} in the last 8 weeks.</p>
      ) : (
        <TableScroll label="Mistakes by category, per week">
          <table className="heat-table">
            <caption>
              {child
                ? `Mistakes the tutor helped you with in ${language}, per week`
                : `Corrections from the tutor’s feedback in ${language}, per week (weeks start on Monday, UTC)`}
            </caption>
            <thead>
              <tr>
                <th scope="col">Category</th>
                {weeks.map((week) => (
                  <th key={week} scope="col">
                    <span className="visually-hidden">Week of </span>
                    {shortDate(week)}
                  </th>
                ))}
                <th scope="col">Total</th>
              </tr>
            </thead>
            <tbody>
              {categories.map((row) => (
                <tr key={row.category}>
                  <th scope="row">{correctionCategoryLabels[row.category]}</th>
                  {row.counts.map((count, index) => (
                    <td key={weeks[index]} style={{ background: heat(count, max) }}>
                      {count}
                    </td>
                  ))}
                  <td className="heat-total">{row.total}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </DashboardCard>
  );
}
