import { createHash } from 'node:crypto';
import type pg from 'pg';

/**
 * Put at the start of a statement whose SQL never changes and that runs on every turn (the turn's
 * first read, the budget's holds and settlements): on PostgreSQL it then runs as a named prepared
 * statement, parsed and analysed once per connection instead of on every call — about 0.5 ms of
 * each of those large statements in the `ownwork` benchmark. Only marked statements: preparing
 * every distinct text the query builder produces would grow each connection's statement cache
 * without bound. Elsewhere it is a comment.
 */
export const preparedMarker = '/* prepared */ ';

const names = new Map<string, string>();
function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `charla_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}

/** Runs the pool's marked statements as named prepared statements on every connection it opens. */
export function usePreparedStatements(pool: pg.Pool): void {
  pool.on('connect', (client) => {
    // The class's own query, looked up at each call (so whatever wraps the class's method still runs).
    const query = (...args: unknown[]) =>
      (Object.getPrototypeOf(client).query as (...inner: unknown[]) => unknown).apply(client, args);
    // Kysely calls `query(text, values)`; anything else (cursors, configs) passes through unchanged.
    client.query = ((...args: unknown[]) => {
      const [text, values] = args;
      if (args.length === 2 && typeof text === 'string' && text.startsWith(preparedMarker))
        return query({ name: nameOf(text), text, values });
      return query(...args);
    }) as typeof client.query;
  });
}
