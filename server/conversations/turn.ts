import { type Kysely, sql } from 'kysely';
import type { TurnEvent } from '../../contracts/conversations.ts';
import type { InterfaceLanguage } from '../../contracts/messages/languages.ts';
import type { Config } from '../config.ts';
import { compiledOnce, insertRows } from '../db/compiled-once.ts';
import { postgresRowsInsert } from '../db/postgres-rows.ts';
import type { Database } from '../db/schema.ts';
import { conflict, noProvider, notFound } from '../errors.ts';
import { msg, render } from '../i18n/messages.ts';
import type { Clock } from '../lib/clock.ts';
import { newId } from '../lib/ids.ts';
import { instanceOf } from '../lib/process-identity.ts';
import type { WithinReservation } from '../llm/call-budget.ts';
import { ModelError } from '../llm/errors.ts';
import type { BudgetHold, ModelGateway, StreamOutcome } from '../llm/gateway.ts';
import { composeOpeningRequest, composeSystemPrompt } from '../tutor/system-prompt.ts';
import { loadTutorContext, type TutorContext } from '../tutor/tutor-context.ts';
import { type ConversationRow, findOwnConversation } from './conversations.ts';
import { buildTurnMemory, promptBytes, type TurnMemory } from './memory.ts';
import { summaryDue } from './summary.ts';
import { holdReplyBudget } from './turn-hold.ts';
import { loadTurnStart, type TurnStart } from './turn-start.ts';

export type TurnDeps = {
  db: Kysely<Database>;
  config: Config;
  clock: Clock;
  gateway: ModelGateway;
  /** This process's owner id (instance/boot), written on the replies it streams. */
  ownerId: string;
  /** Starts a background summary refresh; never awaited by a turn. */
  scheduleSummary(conversationId: string, userId: string): void;
  /** Starts a background title for a conversation still under its default title; never awaited. */
  scheduleTitle?(conversationId: string, userId: string): void;
};

export type AcceptedTurn = {
  userId: string;
  conversation: ConversationRow;
  learnerMessageId: string;
  tutorMessageId: string;
  /** Set when this request stored the learner's message (not a retry): it has no feedback yet. */
  learnerText?: string | undefined;
  /** The reply's budget, reserved before the turn was stored; the reply's first call takes it. */
  hold?: BudgetHold | undefined;
  /** The reply's prompt, built before the hold (the hold covers exactly it). */
  prompt?: ReplyPrompt | undefined;
};

/** The tutor's context and the bounded prompt of one reply. */
export type ReplyPrompt = { tutor: TutorContext; memory: TurnMemory };

/**
 * Composes the reply's prompt: the tutor's context, the system prompt, and the bounded memory —
 * with the learner's new text appended when it is not stored yet, so the prompt (and the budget
 * held for it) is exact before anything is stored.
 */
export async function composeReplyPrompt(
  deps: Pick<TurnDeps, 'db' | 'clock' | 'config'>,
  userId: string,
  conversation: ConversationRow,
  options: {
    pending?: { id: string; text: string } | undefined;
    excludeId?: string | undefined;
    tutor?: TutorContext | undefined;
    /** Rows the turn's first statement read already (turn-start.ts). */
    preloaded?: TurnStart['preloaded'] | undefined;
  } = {},
): Promise<ReplyPrompt> {
  const { preloaded } = options;
  const context =
    options.tutor ?? (await loadTutorContext(deps.db, deps.clock, userId, conversation, preloaded));
  const memory = await buildTurnMemory(
    deps.db,
    deps.config,
    conversation,
    composeSystemPrompt(context.prompt),
    {
      pending: options.pending,
      excludeId: options.excludeId,
      preloaded: preloaded?.messages,
    },
  );
  // The tutor's opening answers a request of ours that is not stored; it stands in for it, so the
  // model always sees a user turn first (and there is one at all when the tutor speaks first).
  if (memory.messages[0]?.role !== 'user')
    memory.messages.unshift({ role: 'user', content: composeOpeningRequest(context.prompt) });
  return { tutor: context, memory };
}

function requireProvider(gateway: ModelGateway, language: string): void {
  if (!gateway.isAvailable('conversation', language)) {
    throw noProvider();
  }
}

/** A turn's two new messages on its conversation's row (compiled once: it runs on every turn). */
const countTwoMessages = compiledOnce(['at', 'conversationId'], (db, values) =>
  db
    .updateTable('conversations')
    .set((eb) => ({
      message_count: eb('message_count', '+', 2),
      updated_at: values.at,
      last_message_at: values.at,
    }))
    .where('id', '=', values.conversationId),
);

/**
 * Accepts a learner's turn: commits the learner's message (and a `streaming` placeholder for the
 * reply) before any model is called, so nothing the learner typed can be lost. Refusals (no
 * provider, unknown conversation, a budget cap) happen before anything is stored.
 */
export async function acceptTurn(
  deps: TurnDeps,
  input: { userId: string; conversationId: string; text: string },
): Promise<AcceptedTurn> {
  const { conversation, preloaded } = await loadTurnStart(
    deps.db,
    deps.clock,
    input.userId,
    input.conversationId,
  );
  requireProvider(deps.gateway, conversation.language);
  const text = input.text.trim();
  const now = deps.clock.now();
  const at = now.toISOString();
  const learnerMessageId = newId(now.getTime());
  const tutorMessageId = newId(now.getTime());
  const base = { conversation_id: conversation.id, user_id: input.userId, created_at: at, updated_at: at };
  const empty = {
    failure_reason: null,
    failure_message: null,
    provider: null,
    model: null,
    input_tokens: null,
    output_tokens: null,
    cache_read_tokens: null,
    cache_write_tokens: null,
    usage_estimated: null,
    latency_ms: null,
  };
  const messages = [
    {
      ...base,
      ...empty,
      id: learnerMessageId,
      role: 'learner' as const,
      text,
      status: 'complete' as const,
      reply_to: null,
      owner_id: null,
    },
    {
      ...base,
      ...empty,
      id: tutorMessageId,
      role: 'tutor' as const,
      text: '',
      status: 'streaming' as const,
      reply_to: learnerMessageId,
      owner_id: deps.ownerId,
    },
  ];
  // The messages commit with the reply's hold, all or nothing: in its transaction on SQLite, folded
  // into its one statement on PostgreSQL (no round trip of their own). A budget refusal stores
  // nothing; a failed insert holds nothing.
  const within: WithinReservation = {
    async run(trx) {
      await trx.executeQuery(insertRows(trx, 'messages', messages));
      await trx.executeQuery(countTwoMessages(trx, { at, conversationId: conversation.id }));
      stored = true;
    },
    statements(held) {
      folded = true;
      const rows = postgresRowsInsert('messages', messages);
      return [
        sql`insert into messages (${rows.columns}) ${rows.select} where ${held}`,
        sql`update conversations set message_count = message_count + 2,
          updated_at = ${at}, last_message_at = ${at} where id = ${conversation.id} and ${held}`,
      ];
    },
  };
  let stored = false;
  let folded = false;
  // The exact prompt first (reads only), so the hold is what this reply can cost.
  const prompt = await composeReplyPrompt(deps, input.userId, conversation, {
    pending: { id: learnerMessageId, text },
    preloaded,
  });
  const hold = await holdReplyBudget(
    deps,
    { userId: input.userId, conversationId: conversation.id, language: conversation.language },
    promptBytes(prompt.memory),
    within,
    tutorMessageId,
  );
  // Resolved: what was folded into the hold's statement is committed with it.
  if (folded && hold) stored = true;
  // No hold was needed (no chain to price): the messages commit on their own.
  if (!stored) {
    await deps.db
      .transaction()
      .execute((trx) => within.run(trx))
      .catch(async (error: unknown) => {
        await hold?.release();
        throw error;
      });
  }
  return {
    userId: input.userId,
    conversation,
    learnerMessageId,
    tutorMessageId,
    learnerText: text,
    hold,
    prompt,
  };
}

/**
 * Prepares a new attempt at the conversation's latest tutor reply after it failed or was cut short:
 * the learner's message stays; the reply starts again from nothing.
 */
export async function acceptRetry(
  deps: TurnDeps,
  input: { userId: string; conversationId: string; tutorMessageId: string },
): Promise<AcceptedTurn> {
  const conversation = await findOwnConversation(deps.db, input.userId, input.conversationId);
  const latest = await deps.db
    .selectFrom('messages')
    .select(['id', 'status', 'reply_to'])
    .where('conversation_id', '=', conversation.id)
    .where('role', '=', 'tutor')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!latest || latest.id !== input.tutorMessageId) {
    const exists = await deps.db
      .selectFrom('messages')
      .select('id')
      .where('id', '=', input.tutorMessageId)
      .where('conversation_id', '=', conversation.id)
      .executeTakeFirst();
    if (!exists) throw notFound('message');
    throw conflict(msg('errors.conversation.latestOnly'));
  }
  if (latest.status !== 'failed' && latest.status !== 'partial') {
    throw conflict(
      latest.status === 'streaming'
        ? msg('errors.conversation.stillWriting')
        : msg('errors.conversation.alreadyComplete'),
    );
  }
  requireProvider(deps.gateway, conversation.language);
  // The learner's message is stored, so the memory holds it; the reply being retried is left out.
  const prompt = await composeReplyPrompt(deps, input.userId, conversation, { excludeId: latest.id });
  const hold = await holdReplyBudget(
    deps,
    { userId: input.userId, conversationId: conversation.id, language: conversation.language },
    promptBytes(prompt.memory),
    undefined,
    latest.id,
  );
  const result = await deps.db
    .updateTable('messages')
    .set({
      status: 'streaming',
      text: '',
      failure_reason: null,
      failure_message: null,
      owner_id: deps.ownerId,
      updated_at: deps.clock.now().toISOString(),
    })
    .where('id', '=', latest.id)
    .where('status', '=', latest.status)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) {
    await hold?.release();
    throw conflict(msg('errors.conversation.retrying'));
  }
  return {
    userId: input.userId,
    conversation,
    learnerMessageId: latest.reply_to ?? '',
    tutorMessageId: latest.id,
    hold,
    prompt,
  };
}

/** The reply's final state: its text, status, failure, provider, model, usage and latency. */
function outcomeUpdate(deps: TurnDeps, turn: AcceptedTurn, outcome: StreamOutcome) {
  const at = deps.clock.now().toISOString();
  const usage = outcome.call?.usage;
  const values = {
    text: outcome.text,
    status: outcome.status,
    failure_reason: outcome.error?.code ?? null,
    // A catalogue message is stored as its key and values, rendered in the reader's language when read.
    failure_ref: outcome.error?.messageRef ? JSON.stringify(outcome.error.messageRef) : null,
    failure_message: outcome.error && !outcome.error.messageRef ? outcome.error.message : null,
    provider: outcome.call?.provider ?? null,
    model: outcome.call?.model ?? null,
    input_tokens: usage?.inputTokens ?? null,
    output_tokens: usage?.outputTokens ?? null,
    cache_read_tokens: usage?.cacheReadTokens ?? null,
    cache_write_tokens: usage?.cacheWriteTokens ?? null,
    usage_estimated: usage ? (usage.estimated ? 1 : 0) : null,
    latency_ms: outcome.call ? Math.round(outcome.call.latencyMs) : null,
    updated_at: at,
  };
  return (db: Kysely<Database>) =>
    db.updateTable('messages').set(values).where('id', '=', turn.tutorMessageId);
}

/**
 * The reply's final state as writes that commit with the call's settlement when it completes (no
 * commit of their own); after a failure it is written alone.
 */
function outcomeWrites(deps: TurnDeps, turn: AcceptedTurn, outcome: StreamOutcome): WithinReservation {
  const update = outcomeUpdate(deps, turn, outcome);
  return {
    run: async (trx) => {
      await update(trx).execute();
    },
    statements: (held) => [sql`${update(deps.db).where(held)}`],
  };
}

/**
 * Saves a streaming reply's text as it grows, at most once per REPLY_SAVE_INTERVAL_MS and never two
 * writes at once, so a process killed mid-reply leaves the text the learner saw (up to one interval
 * behind). Only a reply still `streaming` is written: the final outcome always wins.
 */
function growingTextSaver(deps: TurnDeps, messageId: string) {
  let text = '';
  let saved = 0;
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> | undefined;
  let stopped = false;
  const write = () => {
    timer = undefined;
    if (text.length === saved || writing) return;
    const snapshot = text;
    writing = deps.db
      .updateTable('messages')
      .set({ text: snapshot, updated_at: deps.clock.now().toISOString() })
      .where('id', '=', messageId)
      .where('status', '=', 'streaming')
      .execute()
      .then(
        () => {
          saved = snapshot.length;
        },
        () => {},
      )
      .finally(() => {
        writing = undefined;
      });
  };
  return {
    add(delta: string) {
      text += delta;
      if (!timer && !stopped && deps.config.REPLY_SAVE_INTERVAL_MS > 0)
        timer = setTimeout(write, deps.config.REPLY_SAVE_INTERVAL_MS);
    },
    /** No more saves (a write already under way is harmless: it only touches a `streaming` row). */
    stopNow() {
      clearTimeout(timer);
      timer = undefined;
      stopped = true;
    },
    async stop() {
      this.stopNow();
      await writing;
    },
  };
}

/**
 * Streams the tutor's reply to an accepted turn: builds the bounded prompt, calls the conversation
 * chain through the gateway, forwards each delta, and stores the reply as complete, partial or
 * failed with its provider, model, usage and latency. `signal` aborts the provider request (the
 * learner pressed stop or went away); what was generated is kept.
 */
export async function streamTutorReply(
  deps: TurnDeps,
  turn: AcceptedTurn,
  options: {
    signal: AbortSignal;
    emit(event: TurnEvent): void;
    tutor?: TutorContext;
    /** Called once the reply's request to the provider has gone out (see the gateway). */
    onRequestSent?: () => void;
    /** Called once, when the reply's first delta has been sent to the learner. */
    onFirstDelta?: () => void;
    /** The learner's interface language, for the error event's message. */
    language?: InterfaceLanguage;
  },
): Promise<StreamOutcome> {
  const { conversation } = turn;
  const { memory } =
    turn.prompt ?? (await composeReplyPrompt(deps, turn.userId, conversation, { tutor: options.tutor }));
  const saver = growingTextSaver(deps, turn.tutorMessageId);
  let firstDeltaSent = false;
  let outcome: StreamOutcome;
  try {
    outcome = await deps.gateway.streamText(
      {
        userId: turn.userId,
        conversationId: conversation.id,
        purpose: 'reply',
        role: 'conversation',
        language: conversation.language,
      },
      {
        system: memory.system,
        messages: memory.messages,
        maxOutputTokens: deps.config.REPLY_MAX_OUTPUT_TOKENS,
        abortSignal: options.signal,
        messageId: turn.tutorMessageId,
        hold: turn.hold,
        // No more saves of the growing text once the final text is written.
        storeWith: (complete) => {
          saver.stopNow();
          return outcomeWrites(deps, turn, complete);
        },
        onDelta: (text) => {
          if (!firstDeltaSent) {
            firstDeltaSent = true;
            options.onFirstDelta?.();
          }
          options.emit({ type: 'reply-delta', text });
          saver.add(text);
        },
        onRequestSent: options.onRequestSent,
      },
    );
  } catch (error) {
    // The gateway reports provider failures as outcomes; anything thrown is our own bug. The learner's
    // message is safe; the reply is marked failed rather than left streaming.
    outcome = {
      status: 'failed',
      text: '',
      call: undefined,
      error: new ModelError('provider_error', msg('errors.model.unexpected'), { cause: error }),
    };
  }
  await saver.stop();
  if (!outcome.stored) await outcomeUpdate(deps, turn, outcome)(deps.db).execute();
  if (outcome.error)
    options.emit({
      type: 'error',
      code: outcome.error.code,
      message: outcome.error.messageRef
        ? render(options.language ?? 'en', outcome.error.messageRef)
        : outcome.error.message,
    });
  options.emit({
    type: 'reply-end',
    tutorMessageId: turn.tutorMessageId,
    status: outcome.status,
    usage: outcome.call?.usage ?? null,
    provider: outcome.call?.provider ?? null,
    model: outcome.call?.model ?? null,
  });
  if (summaryDue(memory.overflow, deps.config.MEMORY_WINDOW_TOKENS))
    deps.scheduleSummary(conversation.id, turn.userId);
  // Once the learner has said something and the tutor answered, there is something to name.
  if (outcome.status === 'complete' && turn.learnerMessageId && conversation.title_source === 'default')
    deps.scheduleTitle?.(conversation.id, turn.userId);
  return outcome;
}

/**
 * Ends replies left `streaming` by a process that died: `partial` with the text it had saved, or
 * `failed` without any, reason `interrupted`. `olderThanMs` picks replies not touched for longer
 * than any call can last (another process's, on a shared PostgreSQL); `ownedBy` picks the replies of
 * earlier boots of this instance, at once, whatever their age.
 */
export async function failInterruptedReplies(
  db: Kysely<Database>,
  clock: Clock,
  options: { olderThanMs: number } | { ownedBy: { instanceId: string; currentOwner: string } },
): Promise<number> {
  const at = clock.now().toISOString();
  let query = db.selectFrom('messages').select(['id', 'text', 'owner_id']).where('status', '=', 'streaming');
  if ('olderThanMs' in options)
    query = query.where(
      'updated_at',
      '<=',
      new Date(clock.now().getTime() - options.olderThanMs).toISOString(),
    );
  else query = query.where('owner_id', '!=', options.ownedBy.currentOwner);
  let rows = await query.execute();
  if ('ownedBy' in options)
    rows = rows.filter(
      (row) => row.owner_id !== null && instanceOf(row.owner_id) === options.ownedBy.instanceId,
    );
  let ended = 0;
  for (const row of rows) {
    const result = await db
      .updateTable('messages')
      .set({
        status: row.text ? 'partial' : 'failed',
        failure_reason: 'interrupted',
        failure_message: null,
        failure_ref: JSON.stringify(
          msg(row.text ? 'errors.model.interruptedPartial' : 'errors.model.interrupted'),
        ),
        updated_at: at,
      })
      .where('id', '=', row.id)
      .where('status', '=', 'streaming')
      .executeTakeFirst();
    ended += Number(result.numUpdatedRows);
  }
  return ended;
}
