/** The reviews-due forecast chart (the vocabulary page and Home's dashboard): its own small namespace. */
export default {
  caption: 'Due in the next {days} days: {total} reviews (today {today})',
  table: 'Reviews due per day',
  value: 'Reviews due',
  day: 'Day',
} as const;
