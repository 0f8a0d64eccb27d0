import { type Kysely, sql } from 'kysely';

/**
 * Issue 18: a failed reply's reason is stored as a catalogue key with its values (`failure_ref`), so
 * each reader sees it in their own interface language. The English sentences stored before are turned
 * into keys where they are the server's own words; a provider's own error text (in a "(…)" detail)
 * becomes a value. Budget refusals stored with their numbers in English keep only what they meant (the
 * budget could not cover the reply): the numbers were a snapshot of that moment. Anything else (a text
 * no version of the server wrote) stays as it was, shown as stored.
 *
 * Budget alerts were already stored as numbers (scope, threshold, spent, cap) and are worded when read;
 * achievements are computed from events, not stored as text: neither needs converting.
 */
const exact: Record<string, string> = {
  'Stopped.': 'errors.model.stopped',
  'Stopped by the learner.': 'errors.model.stoppedByLearner',
  'Stopped before the reply began.': 'errors.model.stoppedBeforeStart',
  'The provider did not start answering in time.': 'errors.model.noStart',
  'Could not connect to the provider in time.': 'errors.model.connectTimeout',
  'The reply took too long and was cut off.': 'errors.model.tooLong',
  'The model took too long to answer.': 'errors.model.modelSlow',
  'Could not reach the provider.': 'errors.model.unreachable',
  'The reply failed: the provider rejected the API key.': 'errors.model.keyRejected',
  'The reply failed: the provider is rate-limiting requests.': 'errors.model.rateLimited',
  'The reply failed unexpectedly.': 'errors.model.unexpected',
  'The server stopped while this reply was being written; this is what arrived. Retry it for a whole reply.':
    'errors.model.interruptedPartial',
  'The server stopped while this reply was being written. Retry it.': 'errors.model.interrupted',
  'No AI provider can answer yet. An admin sets one up in the app under AI providers: paste a key, connect a local server, or download a local model.':
    'errors.noProvider',
};

const patterns: {
  pattern: RegExp;
  key: string;
  values: (match: RegExpMatchArray) => Record<string, unknown>;
}[] = [
  {
    pattern: /^The reply failed: the provider had an internal error \((\d+)\)\.$/,
    key: 'errors.model.providerInternal',
    values: (match) => ({ status: Number(match[1]) }),
  },
  {
    pattern: /^The reply failed: the provider refused the request \((\d+)\)\.$/,
    key: 'errors.model.refused',
    values: (match) => ({ status: Number(match[1]) }),
  },
  {
    pattern: /^The provider "(.*)" cannot be called\.$/s,
    key: 'errors.model.providerUnavailable',
    values: (match) => ({ provider: match[1] }),
  },
  {
    pattern: /^The connection to the provider failed \((.*)\)\.$/s,
    key: 'errors.model.connectionFailed',
    values: (match) => ({ detail: match[1] }),
  },
  {
    pattern: /^The local model failed while answering \((.*)\)\.$/s,
    key: 'errors.model.localFailed',
    values: (match) => ({ detail: match[1] }),
  },
  { pattern: /AI budget .* (is used up|left)/s, key: 'budget.refusal.earlier', values: () => ({}) },
];

/** The stored English sentence as a key with values, or null when it is none of the server's. */
export function storedFailureRef(text: string): { key: string; values?: Record<string, unknown> } | null {
  const key = exact[text];
  if (key) return { key };
  for (const { pattern, key: patternKey, values } of patterns) {
    const match = text.match(pattern);
    if (match) {
      const found = values(match);
      return Object.keys(found).length > 0 ? { key: patternKey, values: found } : { key: patternKey };
    }
  }
  return null;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('messages').addColumn('failure_ref', 'text').execute();
  const rows = await sql<{ id: string; failure_message: string }>`
    select id, failure_message from messages where failure_message is not null`.execute(db);
  for (const row of rows.rows) {
    const ref = storedFailureRef(row.failure_message);
    if (!ref) continue;
    await sql`update messages set failure_ref = ${JSON.stringify(ref)}, failure_message = null where id = ${row.id}`.execute(
      db,
    );
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('messages').dropColumn('failure_ref').execute();
}
