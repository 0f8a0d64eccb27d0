import { useApiQuery } from '../../lib/use-api-query.ts';

type Forecast = { days: Array<{ date: string; due: number }>; newAvailable: number };

/** Reviews due per day over the next 30 days, as a small bar chart with a text alternative. */
export function ForecastChart({ language }: { language?: string | undefined }) {
  const query = useApiQuery<Forecast>(
    `/api/vocabulary/forecast?days=30${language ? `&language=${language}` : ''}`,
  );
  if (!query.data) return null;
  const days = query.data.days;
  const max = Math.max(1, ...days.map((day) => day.due));
  const total = days.reduce((sum, day) => sum + day.due, 0);
  return (
    <figure className="forecast">
      <figcaption>
        Due in the next 30 days: <strong>{total}</strong> reviews (today {days[0]?.due ?? 0})
      </figcaption>
      {total === 0 ? null : (
        <div className="forecast-bars" aria-hidden="true">
          {days.map((day) => (
            <span
              key={day.date}
              className="forecast-bar"
              style={{ height: `${Math.max(2, (day.due / max) * 100)}%` }}
              title={`${day.date}: ${day.due}`}
            />
          ))}
        </div>
      )}
      <table className="visually-hidden">
        <caption>Reviews due per day</caption>
        <tbody>
          {days.map((day) => (
            <tr key={day.date}>
              <th scope="row">{day.date}</th>
              <td>{day.due}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
