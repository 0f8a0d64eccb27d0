import { lazy, type ReactNode, Suspense, useState } from 'react';
import { Link } from 'react-router';
import type { KeyIn } from '../../../../contracts/messages/catalogues.ts';
import type { Progress } from '../../../../contracts/progress.ts';
import { BarChart } from '../../components/bar-chart.tsx';
import { InfoToggle } from '../../components/info-toggle.tsx';
import { ProgressBar } from '../../components/progress-bar.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { TableScroll } from '../../components/table-scroll.tsx';
import { formatCalendarDate, formatList, formatNumber } from '../../i18n/format.ts';
import { preloadNamespaces, type Translate, useT } from '../../i18n/i18n.ts';
import { languageName, levelDescription } from '../../lib/languages.ts';
import { useApiQuery } from '../../lib/use-api-query.ts';
import { ReviewForecast } from '../vocabulary/forecast-chart.tsx';
import type { HelpTopic } from './progress-help.tsx';
import './progress.css';

/**
 * The "?" explanations and the XP table load with their words only when opened (Home's first-load
 * budget has no room for them; see progress-help.tsx).
 */
const helpChunk = () =>
  Promise.all([import('./progress-help.tsx'), preloadNamespaces(['progress-help'])]).then(
    ([module]) => module,
  );
const ProgressHelp = lazy(async () => ({ default: (await helpChunk()).ProgressHelp }));
const XpTable = lazy(async () => ({ default: (await helpChunk()).XpTable }));
/**
 * Day one's card and the level card without a language: an active learner's Home (the heavier first
 * load, which the budget counts) shows neither.
 */
const rareChunk = () =>
  Promise.all([import('./progress-welcome.tsx'), preloadNamespaces(['progress-start'])]).then(
    ([module]) => module,
  );
const WelcomeCard = lazy(async () => ({ default: (await rareChunk()).WelcomeCard }));
const NoLevel = lazy(async () => ({ default: (await rareChunk()).NoLevel }));

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
export type View = { kind: 'self'; child?: boolean } | { kind: 'admin'; username: string };

type T = Translate<'progress'>;

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
  const t = useT('progress');
  const own = view.kind === 'self';
  // A child's own dashboard keeps to what a child asks about: no rule tables, no time zones.
  const child = view.kind === 'self' && view.child === true;
  const language = progress.language ? languageName(progress.language) : t('allLanguages');
  const brandNew = isBrandNew(progress);
  const card = { progress, own, t };
  return (
    <div className="progress-dashboard" aria-busy={busy || undefined}>
      {progress.languages.length > 1 ? (
        <div className="progress-language">
          <SelectField
            label={t('showFor')}
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
        <Suspense fallback={null}>
          <WelcomeCard view={view} />
        </Suspense>
      ) : null}

      <div className="card-grid progress-grid">
        {brandNew ? null : <StreakCard {...card} />}
        <GoalCard {...card} />
        {/* Short cards share a cell of the grid in pairs: six cells fill two rows of three. */}
        <div className="progress-stack">
          <ExperienceCard {...card} child={child} />
          <LevelCard {...card} />
        </div>
        {brandNew ? null : (
          <>
            <TurnsCard {...card} language={language} />
            <div className="progress-stack">
              <WordsCard {...card} language={language} />
              <ScenariosCard {...card} language={language} />
            </div>
            <ReviewsCard {...card} language={language} />
            <MistakesCard {...card} language={language} child={child} />
          </>
        )}
        <AchievementsCard {...card} />
      </div>
    </div>
  );
}

type CardProps = { progress: Progress; own: boolean; t: T };

/** A sentence about a member, as an admin reads it (`progress-start`: Home never loads it). */
function MemberWords({ k }: { k: KeyIn<'progress'> & KeyIn<'progress-start'> }) {
  return useT('progress-start')(k);
}

function StreakCard({ progress, own, t }: CardProps) {
  const { current, longest, activeToday, freezes } = progress.streak;
  const status = activeToday ? 'streak.today' : current > 0 ? 'streak.keep' : 'streak.start';
  return (
    <DashboardCard
      id="streak"
      title={t('streak.title')}
      help={{ topic: 'streak', timeZone: progress.timeZone, every: freezes.earnEvery, max: freezes.maxHeld }}
      own={own}
    >
      <BigNumber value={formatNumber(current)} unit={t('streak.unit', { count: current })} />
      <p>{own ? t(status) : <MemberWords k={status} />}</p>
      <p className="muted">{t('streak.longest', { count: longest })}</p>
      <dl className="progress-figures">
        <div>
          <dt>{t('streak.freezes')}</dt>
          <dd>{t('of', { value: freezes.held, total: freezes.maxHeld })}</dd>
        </div>
      </dl>
      {freezes.frozenDays.length > 0 ? (
        <p>
          <span aria-hidden="true">❄ </span>
          {t('streak.frozen', {
            count: freezes.frozenDays.length,
            days: formatList(freezes.frozenDays.map((day) => formatCalendarDate(day))),
          })}
        </p>
      ) : null}
      <p className="muted">
        {freezes.nextIn === null ? t('streak.allHeld') : t('streak.next', { count: freezes.nextIn })}
      </p>
    </DashboardCard>
  );
}

function GoalCard({ progress, own, t }: CardProps) {
  const { goalMinutes, minutesToday, days } = progress.dailyGoal;
  const percent = goalMinutes === 0 ? 100 : Math.min(100, Math.round((minutesToday / goalMinutes) * 100));
  const left = Math.max(0, goalMinutes - minutesToday);
  return (
    <DashboardCard id="goal" title={t('goal.title')} help={{ topic: 'goal' }} own={own}>
      <BigNumber value={formatNumber(minutesToday)} unit={t('goal.unit', { goal: goalMinutes })} />
      <ProgressBar
        trackClassName="progress-track"
        fillClassName="progress-fill"
        label={t('goal.label')}
        percent={percent}
        text={`${formatNumber(minutesToday)} ${t('goal.unit', { goal: goalMinutes })}`}
      />
      <p>{left === 0 ? t('goal.reached') : t('goal.left', { count: left })}</p>
      <BarChart
        bars={days.map((day) => ({ key: day.date, label: formatCalendarDate(day.date), value: day.minutes }))}
        caption={t('goal.chart')}
        tableCaption={t('goal.chart')}
        valueHeading={t('goal.value')}
        labelHeading={t('forecast.day')}
        highlight={progress.today}
        target={goalMinutes}
        empty={t('goal.empty')}
      />
      {own ? (
        <p>
          <Link to="/settings">{t('goal.settings')}</Link>
        </p>
      ) : null}
    </DashboardCard>
  );
}

function TurnsCard({ progress, own, t, language }: CardProps & { language: string }) {
  const { today, last7Days, total, days } = progress.turns;
  return (
    <DashboardCard id="turns" title={t('turns.title')} help={{ topic: 'turns', language }} own={own}>
      <dl className="progress-figures">
        <div>
          <dt>{t('goal.title')}</dt>
          <dd>{formatNumber(today)}</dd>
        </div>
        <div>
          <dt>{t('turns.week')}</dt>
          <dd>{formatNumber(last7Days)}</dd>
        </div>
        <div>
          <dt>{t('turns.allTime')}</dt>
          <dd>{formatNumber(total)}</dd>
        </div>
      </dl>
      <BarChart
        bars={days.map((day) => ({ key: day.date, label: formatCalendarDate(day.date), value: day.count }))}
        caption={t('turns.chart')}
        tableCaption={t('turns.chart')}
        valueHeading={t('turns.value')}
        labelHeading={t('forecast.day')}
        highlight={progress.today}
        empty={t('turns.empty', { language })}
      />
    </DashboardCard>
  );
}

function WordsCard({ progress, own, t, language }: CardProps & { language: string }) {
  const { learned, mature, total } = progress.words;
  return (
    <DashboardCard id="words" title={t('words.title')} help={{ topic: 'words' }} own={own}>
      <BigNumber value={formatNumber(learned)} unit={t('words.learned')} />
      <dl className="progress-figures">
        <div>
          <dt>{t('words.mature')}</dt>
          <dd>{formatNumber(mature)}</dd>
        </div>
        <div>
          <dt>{t('words.cards', { language })}</dt>
          <dd>{formatNumber(total)}</dd>
        </div>
      </dl>
      {own ? (
        <p>
          <Link to="/vocabulary/decks">{t('words.decks')}</Link>
        </p>
      ) : null}
    </DashboardCard>
  );
}

function ReviewsCard({ progress, own, t, language }: CardProps & { language: string }) {
  const { dueNow, newAvailable, forecast } = progress.reviews;
  return (
    <DashboardCard id="reviews" title={t('reviews.title')}>
      <BigNumber value={formatNumber(dueNow)} unit={t('reviews.due')} />
      <p className="muted">{t('reviews.new', { count: newAvailable, language })}</p>
      <ReviewForecast days={forecast} t={t} />
      {own && dueNow + newAvailable > 0 ? (
        <p>
          <Link to="/vocabulary" className="button button-small">
            {t('reviews.now')}
          </Link>
        </p>
      ) : null}
    </DashboardCard>
  );
}

function ScenariosCard({ progress, own, t, language }: CardProps & { language: string }) {
  const { completed, started, recent } = progress.scenarios;
  return (
    <DashboardCard id="scenarios" title={t('scenarios.title')} help={{ topic: 'scenarios' }} own={own}>
      <BigNumber value={formatNumber(completed)} unit={t('scenarios.completed')} />
      <p className="muted">{t('scenarios.started', { count: started, language })}</p>
      {recent.length > 0 ? (
        <ul className="progress-list">
          {recent.map((item) => (
            <li key={item.conversationId}>{item.title}</li>
          ))}
        </ul>
      ) : null}
      {own ? (
        <p>
          <Link to="/tutor">{t('scenarios.find')}</Link>
        </p>
      ) : null}
    </DashboardCard>
  );
}

function LevelCard({ progress, own, t }: CardProps) {
  const level = progress.level.level;
  return (
    <DashboardCard
      id="level"
      title={t('level.title')}
      help={level ? { topic: 'level', language: languageName(progress.language) } : undefined}
      own={own}
    >
      {level ? (
        <>
          <p className="big-number">{level}</p>
          <p>{levelDescription(level)}</p>
        </>
      ) : (
        <Suspense fallback={null}>
          <NoLevel own={own} />
        </Suspense>
      )}
    </DashboardCard>
  );
}

function ExperienceCard({ progress, own, t, child }: CardProps & { child: boolean }) {
  const { total, today, level, levelStartXp, nextLevelXp, kinds } = progress.xp;
  const span = nextLevelXp - levelStartXp;
  const into = total - levelStartXp;
  const percent = Math.min(100, Math.floor((into / span) * 100));
  return (
    <DashboardCard id="experience" title={t('xp.title')} help={{ topic: 'xp' }} own={own}>
      <BigNumber value={t('xp.level', { level })} unit={`${formatNumber(total)} XP`} />
      <ProgressBar
        trackClassName="progress-track"
        fillClassName="progress-fill"
        label={t('xp.barLabel', { level: level + 1 })}
        percent={percent}
        text={t('of', { value: formatNumber(into), total: `${formatNumber(span)} XP` })}
      />
      <p>
        {t('xp.toNext', { xp: formatNumber(nextLevelXp - total), level: level + 1 })}{' '}
        {t('xp.today', { xp: formatNumber(today) })}
      </p>
      {child ? null : (
        <Folded summary={t('xp.details')}>
          <XpTable kinds={kinds} />
        </Folded>
      )}
    </DashboardCard>
  );
}

/** A disclosure whose content renders (and, when lazy, loads) only once it is opened. */
function Folded({ summary, children }: { summary: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="progress-details" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{summary}</summary>
      {open ? <Suspense fallback={null}>{children}</Suspense> : null}
    </details>
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

/** Achievement titles and descriptions arrive translated: the server renders them in the reader's language. */
function AchievementsCard({ progress, own, t }: CardProps) {
  const earned = progress.achievements.filter((achievement) => achievement.earnedOn !== null);
  const locked = progress.achievements.filter((achievement) => achievement.earnedOn === null);
  const next = withinReach(locked).slice(0, nextUpCount);
  const rest = locked.filter((achievement) => !next.includes(achievement));
  return (
    <DashboardCard
      id="achievements"
      title={t('achievements.title')}
      help={{ topic: 'achievements' }}
      own={own}
      className="progress-wide"
    >
      <p className="muted">
        {t('achievements.count', { earned: earned.length, total: progress.achievements.length })}
      </p>
      {earned.length > 0 ? (
        <>
          <h3 className="achievement-heading">{t('achievements.earned')}</h3>
          <ul className="achievement-list">
            {earned.map((achievement) => (
              <li key={achievement.id} className="achievement achievement-earned">
                <p className="achievement-title">
                  <span aria-hidden="true">★ </span>
                  {achievement.title}
                </p>
                {/* Under the "Earned" heading: the date says when. */}
                <p className="achievement-status">{formatCalendarDate(achievement.earnedOn ?? '')}</p>
                <p className="muted">{achievement.description}</p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {next.length > 0 ? (
        <>
          <h3 className="achievement-heading">{t('achievements.next')}</h3>
          <LockedAchievements achievements={next} t={t} />
        </>
      ) : null}
      {rest.length > 0 ? (
        <Folded summary={t('achievements.more', { count: rest.length })}>
          <LockedAchievements achievements={rest} t={t} />
        </Folded>
      ) : null}
    </DashboardCard>
  );
}

function LockedAchievements({ achievements, t }: { achievements: Progress['achievements']; t: T }) {
  return (
    <ul className="achievement-list">
      {achievements.map((achievement) => {
        const status = t('of', {
          value: formatNumber(achievement.progress),
          total: formatNumber(achievement.goal),
        });
        return (
          <li key={achievement.id} className="achievement">
            <p className="achievement-title">{achievement.title}</p>
            <p className="achievement-status">{status}</p>
            <ProgressBar
              trackClassName="progress-track"
              fillClassName="progress-fill"
              label={achievement.title}
              percent={Math.floor((achievement.progress / achievement.goal) * 100)}
              text={status}
            />
            <p className="muted">{achievement.description}</p>
          </li>
        );
      })}
    </ul>
  );
}

/** One card of the dashboard: a region named by its heading. */
export function DashboardCard({
  id,
  title,
  help,
  own = true,
  className,
  children,
}: {
  id: string;
  title: string;
  /** What the card's numbers mean, behind a "?" beside the title (loaded when opened). */
  help?: HelpTopic | undefined;
  own?: boolean;
  className?: string;
  children: ReactNode;
}) {
  const about = useT('progress')('about');
  return (
    <section className={className ? `card ${className}` : 'card'} aria-labelledby={`progress-${id}`}>
      {help ? (
        <div className="has-info">
          <h2 id={`progress-${id}`}>{title}</h2>
          <InfoToggle label={about} labelledBy={`progress-${id}`}>
            {() => (
              <Suspense fallback={null}>
                <ProgressHelp help={help} own={own} />
              </Suspense>
            )}
          </InfoToggle>
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

function MistakesCard({ progress, t, language, child }: CardProps & { language: string; child: boolean }) {
  const { weeks, categories } = progress.mistakes;
  const max = Math.max(1, ...categories.flatMap((category) => category.counts));
  const caption = t(child ? 'mistakes.captionChild' : 'mistakes.caption', { language });
  return (
    <DashboardCard
      id="mistakes"
      title={t('mistakes.title')}
      // A child's dashboard keeps to what a child asks about: no time zones.
      help={child ? undefined : { topic: 'mistakes' }}
      className="progress-wide"
    >
      {categories.length === 0 ? (
        <p className="muted">{t('mistakes.empty', { language })}</p>
      ) : (
        // The scroll box is named by the table's caption: the card's title already names the card.
        <TableScroll label={caption}>
          <table className="heat-table">
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t('mistakes.category')}</th>
                {weeks.map((week) => (
                  <th key={week} scope="col">
                    <span className="visually-hidden">{t('mistakes.weekOf')} </span>
                    {formatCalendarDate(week)}
                  </th>
                ))}
                <th scope="col">{t('mistakes.total')}</th>
              </tr>
            </thead>
            <tbody>
              {categories.map((row) => (
                <tr key={row.category}>
                  <th scope="row">{t(`category.${row.category}`)}</th>
                  {row.counts.map((count, index) => (
                    <td key={weeks[index]} style={{ background: heat(count, max) }}>
                      {formatNumber(count)}
                    </td>
                  ))}
                  <td className="heat-total">{formatNumber(row.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </DashboardCard>
  );
}
