import type { MessageValues } from '../../../../contracts/messages/catalogues.ts';
import { BarChart } from '../../components/bar-chart.tsx';
import { formatCalendarDate } from '../../i18n/format.ts';
import { useT } from '../../i18n/i18n.ts';
import { rich, slots } from '../../i18n/rich-text.tsx';
import { useApiQuery } from '../../lib/use-api-query.ts';

type ForecastDay = { date: string; due: number };
type Forecast = { days: ForecastDay[]; newAvailable: number };

/** The chart's words: the vocabulary page's or, on Home, the dashboard's (Home does not load `vocabulary`). */
type ForecastWords = (
  key: 'forecast.caption' | 'forecast.table' | 'forecast.value' | 'forecast.day',
  values?: MessageValues,
) => string;

/** Reviews due per day from today, as a small bar chart with a text alternative. */
export function ReviewForecast({ days, t }: { days: readonly ForecastDay[]; t: ForecastWords }) {
  const total = days.reduce((sum, day) => sum + day.due, 0);
  return (
    <BarChart
      bars={days.map((day) => ({ key: day.date, label: formatCalendarDate(day.date), value: day.due }))}
      caption={rich(
        t('forecast.caption', { days: days.length, today: days[0]?.due ?? 0, ...slots('total') }),
        {
          total: <strong>{total}</strong>,
        },
      )}
      tableCaption={t('forecast.table')}
      valueHeading={t('forecast.value')}
      labelHeading={t('forecast.day')}
    />
  );
}

/** The learner's own forecast over the next 30 days, loaded for the vocabulary page. */
export function ForecastChart({ language }: { language?: string | undefined }) {
  const query = useApiQuery<Forecast>(
    `/api/vocabulary/forecast?days=30${language ? `&language=${language}` : ''}`,
  );
  const t = useT('vocabulary');
  if (!query.data) return null;
  return <ReviewForecast days={query.data.days} t={t} />;
}
