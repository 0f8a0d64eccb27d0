import { BarChart } from '../../components/bar-chart.tsx';
import { shortDate } from '../../lib/dates.ts';
import { useApiQuery } from '../../lib/use-api-query.ts';

type ForecastDay = { date: string; due: number };
type Forecast = { days: ForecastDay[]; newAvailable: number };

/** Reviews due per day from today, as a small bar chart with a text alternative. */
export function ReviewForecast({ days }: { days: readonly ForecastDay[] }) {
  const total = days.reduce((sum, day) => sum + day.due, 0);
  return (
    <BarChart
      bars={days.map((day) => ({ key: day.date, label: shortDate(day.date), value: day.due }))}
      caption={
        <>
          Due in the next {days.length} days: <strong>{total}</strong> reviews (today {days[0]?.due ?? 0})
        </>
      }
      tableCaption="Reviews due per day"
      valueHeading="Reviews due"
    />
  );
}

/** The learner's own forecast over the next 30 days, loaded for the vocabulary page. */
export function ForecastChart({ language }: { language?: string | undefined }) {
  const query = useApiQuery<Forecast>(
    `/api/vocabulary/forecast?days=30${language ? `&language=${language}` : ''}`,
  );
  if (!query.data) return null;
  return <ReviewForecast days={query.data.days} />;
}
