import type { Progress } from '../../../../contracts/progress.ts';
import { type XpKind, xpRules } from '../../../../contracts/xp-rules.ts';
import { TableScroll } from '../../components/table-scroll.tsx';
import { formatNumber } from '../../i18n/format.ts';
import { type Translate, useT } from '../../i18n/i18n.ts';

/**
 * The parts of the progress dashboard that few open: the "?" explanations and the XP rules table. A
 * chunk of their own with the `progress-help` namespace, loaded when one is opened, so Home's first
 * load carries neither (its budget is nearly spent).
 */

/** Which card's explanation, with what it mentions. */
export type HelpTopic =
  | { topic: 'streak'; timeZone: string; every: number; max: number }
  | { topic: 'goal' | 'words' | 'scenarios' | 'mistakes' | 'xp' | 'achievements' }
  | { topic: 'turns' | 'level'; language: string };

export function ProgressHelp({ help, own }: { help: HelpTopic; own: boolean }) {
  const t = useT('progress-help');
  switch (help.topic) {
    case 'streak':
      return (
        <>
          <p>{t(own ? 'streak.counts' : 'streak.countsMember', { timeZone: help.timeZone })}</p>
          <p>{t('streak.freezes', { every: help.every, max: help.max })}</p>
        </>
      );
    case 'turns':
      return <p>{t('turns', { language: help.language })}</p>;
    case 'level':
      return <p>{t(own ? 'level' : 'levelMember', { language: help.language })}</p>;
    case 'words':
    case 'scenarios':
    case 'mistakes':
      return <p>{t(help.topic)}</p>;
    default:
      return <p>{t(own ? help.topic : `${help.topic}Member`)}</p>;
  }
}

/** What earns XP of a kind, with its daily cap (the daily goal's one a day is its cap already). */
function rule(t: Translate<'progress-help'>, kind: XpKind): string {
  const text =
    kind === 'turns'
      ? t('rule.turns', { xp: xpRules.turns.xp, min: xpRules.turns.minCharacters })
      : kind === 'reviews'
        ? t('rule.reviews', { recalled: xpRules.reviews.recalled, again: xpRules.reviews.again })
        : t(`rule.${kind}`, { xp: xpRules[kind].xp });
  return kind === 'daily-goal' ? text : t('rule.cap', { rule: text, cap: xpRules[kind].dailyCap });
}

/** XP per kind of practice, today and all time, with what earns it. */
export function XpTable({ kinds }: { kinds: Progress['xp']['kinds'] }) {
  const t = useT('progress-help');
  return (
    <TableScroll label={t('table.label')}>
      <table className="xp-table">
        <caption className="visually-hidden">{t('table.label')}</caption>
        <thead>
          <tr>
            <th scope="col" className="xp-heading">
              {t('table.practice')}
            </th>
            <th scope="col" className="xp-heading xp-number">
              {t('table.today')}
            </th>
            <th scope="col" className="xp-heading xp-number">
              {t('table.allTime')}
            </th>
          </tr>
        </thead>
        <tbody>
          {kinds.map((entry) => (
            <tr key={entry.kind}>
              <th scope="row">
                {t(`kind.${entry.kind}`)} <span className="xp-rule">{rule(t, entry.kind)}</span>
              </th>
              <td className="xp-number">{formatNumber(entry.today)}</td>
              <td className="xp-number">{formatNumber(entry.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
