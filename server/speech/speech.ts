import type { Kysely } from 'kysely';
import type { VoiceSettings } from '../../contracts/auth.ts';
import {
  maxSpeechBytes,
  maxSpeechSeconds,
  type SpeechCapabilities,
  type SpeechFunction,
  type TranscriptionPurpose,
  type TranscriptionResult,
} from '../../contracts/speech.ts';
import { findUserById } from '../auth/users.ts';
import { readDowngradeChain } from '../budget/downgrade-chain.ts';
import { readMyUsage } from '../budget/usage.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { AppError, notFound } from '../errors.ts';
import { msg } from '../i18n/messages.ts';
import type { Clock } from '../lib/clock.ts';
import { defaultSleep } from '../llm/attempt-timers.ts';
import type { PricedLink, Reservation } from '../llm/call-budget.ts';
import { retryBackoffMs } from '../llm/chain-runner.ts';
import { resolveSpeechChain, type SpeechLink } from '../llm/speech-chains.ts';
import type { CallContext, TokenUsage } from '../llm/types.ts';
import { byteLength, estimateUsage, zeroUsage } from '../llm/usage.ts';
import type { Llm } from '../model-calls.ts';
import { inspectAudio } from './audio-format.ts';
import type { RecordingStore } from './recordings.ts';
import {
  isRetryableSpeechFailure,
  listVoices,
  openAiVoices,
  SpeechProviderError,
  speak,
  transcribe,
} from './speech-providers.ts';
import type { SynthesisCache } from './synthesis-cache.ts';

/*
 * The speech use cases: transcribe a learner's recording and speak a text, each along its chain
 * (fallback to the next link on a provider failure), each priced before the call in its own unit
 * and held against the caps through the call-budget port, settled after it into the one ledger
 * (purposes `transcription` and `synthesis`). A refusal at a cap changes nothing and stores
 * nothing. What comes in is checked before anything is reserved: format by content, size, and the
 * duration the server measures.
 */

export type SpeechDeps = {
  db: Kysely<Database>;
  clock: Clock;
  config: Config;
  llm: Pick<Llm, 'registry' | 'budget' | 'prices'>;
  cache: SynthesisCache;
  recordings: RecordingStore;
  /** The voices each speak provider listed, asked at most every ten minutes (`createVoiceLists`). */
  voices: VoiceLists;
  log?: { warn(object: unknown, message: string): void } | undefined;
  /** The retry policy's clock and dice, injected so tests are deterministic (the model chains' defaults). */
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  random?: (() => number) | undefined;
};

export type Caller = { userId: string; isAdmin: boolean };

function notSetUp(fn: SpeechFunction, caller: Caller): AppError {
  return new AppError(
    'speech_not_set_up',
    caller.isAdmin
      ? msg('errors.speech.notSetUpAdmin', {
          fn,
          setting: `SPEECH_CHAIN_${fn === 'transcribe' ? 'TRANSCRIBE' : 'SPEAK'}`,
        })
      : msg('errors.speech.notSetUp', { fn }),
  );
}

const priced = (link: SpeechLink): PricedLink => ({
  provider: link.provider.id,
  model: link.model,
  local: link.provider.local,
  priceAs: link.provider.priceAs,
});

function chainOf(deps: SpeechDeps, fn: SpeechFunction): SpeechLink[] {
  return resolveSpeechChain(deps.llm.registry.speechChains(), deps.llm.registry.list(), fn);
}

/** A failure in plain words for the learner; the provider's own words go to the log. */
function describeFailure(error: unknown): string {
  if (error instanceof SpeechProviderError) return error.message;
  const name = (error as Error)?.name;
  if (name === 'TimeoutError') return 'no answer in time';
  const cause = (error as { cause?: { code?: string } })?.cause?.code;
  if (cause === 'ECONNREFUSED') return 'connection refused';
  return (error as Error)?.message ?? 'unknown error';
}

async function settleQuietly(
  deps: SpeechDeps,
  reservation: Reservation,
  context: CallContext,
  link: SpeechLink,
  outcome: 'ok' | 'error' | 'aborted',
  costMicros: number,
  startedAt: number,
  errorCode?: string,
  usage: TokenUsage = zeroUsage,
) {
  try {
    await deps.llm.budget.settle(
      reservation,
      {
        context,
        provider: link.provider.id,
        model: link.model,
        usage,
        latencyMs: performance.now() - startedAt,
        outcome,
        errorCode,
      },
      { costMicros },
    );
  } catch (error) {
    // The reservation stays and is settled at its amount when its lease expires: never lost.
    deps.log?.warn({ err: error }, 'could not settle a speech call');
  }
}

/** How a call is priced: the amount held before it, and what is settled once it worked. */
type SpeechPricing<T> = {
  /** The exact price (per minute, per character), or a bound for a token-priced model. */
  reserve(link: SpeechLink): number;
  /** Default: the reserved amount, no token counts. Token-priced synthesis settles on its estimate. */
  settle?(link: SpeechLink, value: T, reserved: number): { costMicros: number; usage: TokenUsage };
};

/**
 * Runs `call` along the chain with the model chains' retry policy (server/llm/chain-runner.ts):
 * before each attempt its price is reserved (a refusal at a cap moves on to the next link, which
 * may be local and free, and is the answer when every link is refused); a retryable failure (408,
 * 409, 429, 5xx, a broken connection) is tried again on the same link up to LLM_MAX_RETRIES times
 * after the same jittered backoff, honouring retry-after (one above LLM_RETRY_MAX_DELAY_MS moves
 * on at once); any other failure moves on to the next link. Every attempt settles its own ledger
 * row: at its price when it worked, at 0 when it did not.
 */
async function alongChain<T>(
  deps: SpeechDeps,
  fn: SpeechFunction,
  links: SpeechLink[],
  context: CallContext,
  pricing: SpeechPricing<NoInfer<T>>,
  call: (link: SpeechLink, signal: AbortSignal) => Promise<T>,
  abortSignal: AbortSignal | undefined,
): Promise<{ value: T; link: SpeechLink; costMicros: number }> {
  const sleep = deps.sleep ?? defaultSleep;
  const random = deps.random ?? Math.random;
  const cancelled = () => new AppError('validation_failed', msg('errors.speech.cancelled'));
  let refusal: unknown;
  const failures: string[] = [];
  chain: for (const link of links) {
    for (let retry = 0; ; retry++) {
      const cost = pricing.reserve(link);
      let reservation: Reservation;
      try {
        reservation = await deps.llm.budget.reserve(context, priced(link), cost);
      } catch (error) {
        if (!deps.llm.budget.refusal(error)) throw error;
        refusal = error;
        continue chain;
      }
      const startedAt = performance.now();
      const timeout = AbortSignal.timeout(deps.config.SPEECH_TIMEOUT_MS);
      const signal = abortSignal ? AbortSignal.any([timeout, abortSignal]) : timeout;
      try {
        const value = await call(link, signal);
        const settled = pricing.settle?.(link, value, cost) ?? { costMicros: cost, usage: zeroUsage };
        await settleQuietly(
          deps,
          reservation,
          context,
          link,
          'ok',
          settled.costMicros,
          startedAt,
          undefined,
          settled.usage,
        );
        return { value, link, costMicros: settled.costMicros };
      } catch (error) {
        const aborted = abortSignal?.aborted === true;
        await settleQuietly(
          deps,
          reservation,
          context,
          link,
          aborted ? 'aborted' : 'error',
          0,
          startedAt,
          error instanceof SpeechProviderError && error.status ? `http_${error.status}` : 'provider_error',
        );
        if (aborted) throw cancelled();
        deps.log?.warn(
          { err: error, provider: link.provider.id, model: link.model, attempt: retry + 1 },
          `speech ${fn} failed`,
        );
        const retryAfterMs = error instanceof SpeechProviderError ? error.retryAfterMs : undefined;
        const again =
          isRetryableSpeechFailure(error) &&
          retry < deps.config.LLM_MAX_RETRIES &&
          !(retryAfterMs !== undefined && retryAfterMs > deps.config.LLM_RETRY_MAX_DELAY_MS);
        if (!again) {
          failures.push(`${link.provider.label} (${link.model}): ${describeFailure(error)}`);
          continue chain;
        }
        await sleep(Math.max(retryAfterMs ?? 0, retryBackoffMs(deps.config, retry, random)), abortSignal);
        if (abortSignal?.aborted) throw cancelled();
      }
    }
  }
  if (failures.length === 0 && refusal) throw refusal;
  throw new AppError('provider_error', msg('errors.speech.failed', { fn, detail: failures.join('; ') }));
}

// --- Transcription ------------------------------------------------------------------------------

export type TranscriptionInput = {
  audio: Buffer;
  language: string;
  conversationId?: string | undefined;
  purpose: TranscriptionPurpose;
};

/** Checks the audio as it came (format, size, measured duration); throws the matching 4xx. */
export function checkAudio(audio: Buffer): { mimeType: string; extension: string; durationMs: number } {
  if (audio.length > maxSpeechBytes)
    throw new AppError(
      'audio_too_large',
      msg('errors.speech.tooLarge', { megabytes: maxSpeechBytes / 1024 / 1024 }),
    );
  if (audio.length === 0) throw new AppError('audio_format', msg('errors.speech.empty'));
  const inspected = inspectAudio(audio);
  if (!inspected.info) throw new AppError('audio_format', msg('errors.speech.notAudio'));
  if (inspected.durationMs === undefined)
    throw new AppError(
      'audio_duration',
      msg('errors.speech.unknownLength', { format: inspected.info.format.toUpperCase() }),
    );
  if (inspected.durationMs > maxSpeechSeconds * 1000)
    throw new AppError(
      'audio_too_long',
      msg('errors.speech.tooLong', {
        seconds: Math.round(inspected.durationMs / 1000),
        max: maxSpeechSeconds,
      }),
    );
  return {
    mimeType: inspected.info.mimeType,
    extension: inspected.info.extension,
    durationMs: inspected.durationMs,
  };
}

async function ownedConversation(db: Kysely<Database>, userId: string, id: string | undefined) {
  if (id === undefined) return;
  const row = await db
    .selectFrom('conversations')
    .select('id')
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!row) throw notFound('conversation');
}

async function voiceSettings(db: Kysely<Database>, userId: string): Promise<VoiceSettings> {
  const user = await findUserById(db, userId);
  if (!user) throw notFound('account');
  return user.profile.voice;
}

export async function transcribeRecording(
  deps: SpeechDeps,
  caller: Caller,
  input: TranscriptionInput,
  abortSignal?: AbortSignal,
): Promise<TranscriptionResult> {
  const audio = checkAudio(input.audio);
  await ownedConversation(deps.db, caller.userId, input.conversationId);
  const links = chainOf(deps, 'transcribe');
  if (links.length === 0) throw notSetUp('transcribe', caller);
  const voice = await voiceSettings(deps.db, caller.userId);
  const context: CallContext = {
    userId: caller.userId,
    conversationId: input.conversationId,
    purpose: 'transcription',
    role: 'conversation',
    language: input.language,
  };
  const { value, link, costMicros } = await alongChain(
    deps,
    'transcribe',
    links,
    context,
    { reserve: (candidate) => deps.llm.budget.speechCost(priced(candidate), { audioMs: audio.durationMs }) },
    (candidate, signal) =>
      transcribe(candidate, {
        audio: input.audio,
        mimeType: audio.mimeType,
        fileName: `recording.${audio.extension}`,
        language: input.language,
        signal,
      }),
    abortSignal,
  );
  let recordingId: string | null = null;
  if (voice.storeAudio) {
    try {
      recordingId = await deps.recordings.save({
        userId: caller.userId,
        conversationId: input.conversationId ?? null,
        language: input.language,
        mimeType: audio.mimeType,
        audio: input.audio,
        durationMs: audio.durationMs,
        transcript: value.text,
        purpose: input.purpose,
      });
    } catch (error) {
      // The transcript is paid for and still the learner's; only keeping the audio failed (a full
      // disk): `recordingId: null` says it was not kept.
      deps.log?.warn({ err: error }, 'could not keep a recording');
    }
  }
  return {
    text: value.text,
    language: input.language,
    durationMs: audio.durationMs,
    provider: link.provider.id,
    model: link.model,
    costMicros,
    recordingId,
  };
}

// --- Synthesis ----------------------------------------------------------------------------------

/**
 * The slowest speech a token-priced model is held for, per character at speed 1: 200 ms (5
 * characters a second, about a third of ordinary speech), so the bound covers slow, careful voices.
 */
const slowestMsPerCharacter = 200;

export type SynthesisInput = {
  text: string;
  language: string;
  voice?: string | undefined;
  speed?: number | undefined;
};

export type SynthesisResult = {
  audio: Buffer;
  mimeType: string;
  cache: 'hit' | 'miss';
  costMicros: number;
  provider: string;
  model: string;
  voice: string;
};

export type VoiceLists = { of(link: SpeechLink): Promise<string[]> };

/** The voices of each speak provider (by id and address), asked at most every ten minutes. */
export function createVoiceLists(clock: Clock): VoiceLists {
  const lists = new Map<string, { at: number; voices: Promise<string[]> }>();
  return {
    of(link) {
      const key = `${link.provider.id}\u0000${link.provider.endpoint?.baseURL ?? ''}`;
      const now = clock.now().getTime();
      const cached = lists.get(key);
      if (cached && now - cached.at < 10 * 60_000) return cached.voices;
      const voices = listVoices(link, AbortSignal.timeout(4000)).catch(() => []);
      lists.set(key, { at: now, voices });
      return voices;
    },
  };
}

/**
 * Whether a voice's name says it speaks `language`: Mistral's presets (`es_lucia_neutral`) and
 * Piper's (`es_ES-…`) lead with the language code. OpenAI's voices are multilingual and carry none.
 */
const namedFor = (voice: string, language: string) => new RegExp(`^${language}[_-]`, 'i').test(voice);

/** The listed voices, those named for the language first (each provider's own order kept). */
async function voicesFor(deps: SpeechDeps, link: SpeechLink, language: string): Promise<string[]> {
  const voices = await deps.voices.of(link);
  return [
    ...voices.filter((voice) => namedFor(voice, language)),
    ...voices.filter((voice) => !namedFor(voice, language)),
  ];
}

/**
 * The voice a link speaks `language` with when the learner chose none: the admin's link voice,
 * else the first listed voice named for the language, else the first listed, else OpenAI's default.
 */
async function defaultVoiceOf(
  deps: SpeechDeps,
  link: SpeechLink,
  language: string,
): Promise<string | undefined> {
  if (link.voice) return link.voice;
  const voices = await voicesFor(deps, link, language);
  if (voices[0]) return voices[0];
  return link.provider.kind === 'openai-compatible' ? (openAiVoices[0] as string) : undefined;
}

export async function synthesizeSpeech(
  deps: SpeechDeps,
  caller: Caller,
  input: SynthesisInput,
  abortSignal?: AbortSignal,
): Promise<SynthesisResult> {
  const links = chainOf(deps, 'speak');
  if (links.length === 0) throw notSetUp('speak', caller);
  const settings = await voiceSettings(deps.db, caller.userId);
  // The learner's voice (asked for, or chosen in settings for the language) belongs to the first
  // provider's list; a fallback link speaks with its own default.
  const chosen = input.voice ?? settings.serverVoices[input.language as keyof VoiceSettings['serverVoices']];
  const speed = Math.round((input.speed ?? settings.rate) * 100) / 100;
  const plans = await Promise.all(
    links.map(async (link, index) => ({
      link,
      voice: (index === 0 && chosen) || (await defaultVoiceOf(deps, link, input.language)) || '',
    })),
  );
  // A sentence already spoken by any link of the chain is played again for nothing.
  const keyOf = (plan: (typeof plans)[number]) => ({
    provider: plan.link.provider.id,
    model: plan.link.model,
    voice: plan.voice,
    speed: plan.link.provider.kind === 'mistral' ? 1 : speed,
    text: input.text,
  });
  for (const plan of plans) {
    const hit = await deps.cache.get(keyOf(plan));
    if (hit)
      return {
        ...hit,
        cache: 'hit',
        costMicros: 0,
        provider: plan.link.provider.id,
        model: plan.link.model,
        voice: plan.voice,
      };
  }
  const characters = [...input.text].length;
  const context: CallContext = {
    userId: caller.userId,
    purpose: 'synthesis',
    role: 'conversation',
    language: input.language,
  };
  const voiceFor = new Map(plans.map((plan) => [plan.link, plan.voice]));
  // A token-priced model (gpt-4o-mini-tts) is held at a bound — every UTF-8 byte a token, and
  // speech as slow as `slowestMsPerCharacter` at the speed asked for — and settled on an estimate:
  // the project's token estimate of the text, and the audio tokens of the duration measured from
  // the audio it returned (its speech endpoint reports no usage), the ledger row flagged estimated.
  const bound = {
    characters,
    textTokens: byteLength(input.text),
    spokenMs: Math.ceil((characters * slowestMsPerCharacter) / speed) + 1000,
  };
  const estimatedTextTokens = estimateUsage(input.text, '').inputTokens;
  const { value, link, costMicros } = await alongChain(
    deps,
    'speak',
    links,
    context,
    {
      reserve: (candidate) => deps.llm.budget.speechCost(priced(candidate), bound),
      settle: (candidate, spoken: { audio: Buffer }, reserved) => {
        const tokens = deps.llm.budget.speechTokens?.(priced(candidate), bound);
        if (!tokens) return { costMicros: reserved, usage: zeroUsage };
        const inspected = inspectAudio(spoken.audio);
        const spokenMs = inspected.info ? inspected.durationMs : undefined;
        // Audio whose length cannot be read is settled at the bound that was held.
        if (spokenMs === undefined)
          return { costMicros: reserved, usage: { ...zeroUsage, ...tokens, estimated: true } };
        const estimate = { characters, textTokens: estimatedTextTokens, spokenMs };
        const counted = deps.llm.budget.speechTokens?.(priced(candidate), estimate) ?? tokens;
        return {
          costMicros: deps.llm.budget.speechCost(priced(candidate), estimate),
          usage: { ...zeroUsage, ...counted, estimated: true },
        };
      },
    },
    (candidate, signal) =>
      speak(candidate, { text: input.text, voice: voiceFor.get(candidate) || undefined, speed, signal }),
    abortSignal,
  );
  const plan = plans.find((candidate) => candidate.link === link) ?? { link, voice: '' };
  await deps.cache.put(keyOf(plan), value.audio, value.mimeType);
  return {
    audio: value.audio,
    mimeType: value.mimeType,
    cache: 'miss',
    costMicros,
    provider: link.provider.id,
    model: link.model,
    voice: plan.voice,
  };
}

// --- Capabilities -------------------------------------------------------------------------------

/**
 * What the learner can do by speech in `language`: each function's state, the first speak
 * provider's voices (those named for the language first), the chain's default voice for the
 * language (what "Default" means in settings), and the voice the server speaks it with for this
 * learner — their own choice for the language, else that default.
 */
export async function speechCapabilities(
  deps: SpeechDeps,
  caller: Caller,
  language: string,
): Promise<SpeechCapabilities> {
  const transcribeLinks = chainOf(deps, 'transcribe');
  const speakLinks = chainOf(deps, 'speak');
  const paid = [...transcribeLinks, ...speakLinks].some((link) => !link.provider.local);
  let remaining = Number.POSITIVE_INFINITY;
  if (paid) {
    const usage = await readMyUsage(
      {
        db: deps.db,
        config: deps.config,
        clock: deps.clock,
        prices: deps.llm.prices,
        downgradeChain: () => readDowngradeChain(deps.llm.registry),
      },
      caller.userId,
      // Only the remaining amount is read here: the alerts' wording is not shown.
      { language: 'en', child: false },
    );
    remaining = usage.remainingMicros;
  }
  // Over budget: nothing left, and no link of the chain is free.
  const state = (links: SpeechLink[]) => {
    if (links.length === 0) return { available: false, reason: 'not_set_up' as const };
    if (remaining <= 0 && links.every((link) => !link.provider.local))
      return { available: false, reason: 'over_budget' as const };
    return { available: true, reason: null };
  };
  const first = speakLinks[0];
  const voices = first ? await voicesFor(deps, first, language) : [];
  const chosen = first
    ? (await voiceSettings(deps.db, caller.userId)).serverVoices[
        language as keyof VoiceSettings['serverVoices']
      ]
    : undefined;
  const defaultVoice = first ? ((await defaultVoiceOf(deps, first, language)) ?? null) : null;
  return {
    transcribe: state(transcribeLinks),
    speak: {
      ...state(speakLinks),
      voices: voices.length ? voices : first?.voice ? [first.voice] : [],
      defaultVoice,
      voice: first ? (chosen ?? defaultVoice) : null,
    },
    maxSeconds: maxSpeechSeconds,
    maxBytes: maxSpeechBytes,
  };
}
