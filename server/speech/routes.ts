import { join, resolve } from 'node:path';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  maxSpeechBytes,
  maxSpeechSeconds,
  recordingIdParamsSchema,
  recordingListSchema,
  speechCapabilitiesQuerySchema,
  speechCapabilitiesSchema,
  synthesisHeaders,
  synthesisRequestSchema,
  transcriptionFieldsSchema,
  transcriptionResultSchema,
} from '../../contracts/speech.ts';
import { currentSession } from '../auth/request-auth.ts';
import type { Config } from '../config.ts';
import { AppError, validationFailed } from '../errors.ts';
import type { AppDeps } from '../http/app-deps.ts';
import { invalidBody, zodFieldIssues } from '../i18n/field-issues.ts';
import { msg } from '../i18n/messages.ts';
import { createRecordingStore, recordingsDirOf } from './recordings.ts';
import {
  type Caller,
  createVoiceLists,
  type SpeechDeps,
  speechCapabilities,
  synthesizeSpeech,
  transcribeRecording,
} from './speech.ts';
import { openSynthesisCache } from './synthesis-cache.ts';

/** Where synthesised speech is cached: DATA_DIR/speech-cache/. */
export const speechCacheDirOf = (config: Config) => join(resolve(config.DATA_DIR), 'speech-cache');

/** Room for the multipart envelope and the text fields around the audio. */
const envelopeBytes = 256 * 1024;

const tooLarge = () =>
  new AppError('audio_too_large', msg('errors.speech.tooLarge', { megabytes: maxSpeechBytes / 1024 / 1024 }));

async function readBody(source: AsyncIterable<Buffer | Uint8Array | string>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of source) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk);
    size += buffer.length;
    if (size > maxSpeechBytes + envelopeBytes) throw tooLarge();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** The upload's parts: the audio file and the text fields, as the fetch standard reads multipart. */
async function readTranscriptionForm(body: Buffer, contentType: string) {
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw validationFailed(msg('errors.speech.multipart'));
  }
  const fields: Record<string, string> = {};
  let file: File | undefined;
  for (const [name, value] of form.entries()) {
    if (name === 'file') {
      if (typeof value === 'string' || file)
        throw validationFailed(msg('errors.speech.oneFile'), {
          issues: [{ path: 'file', message: msg('validation.oneAudioFile') }],
        });
      file = value;
    } else if (typeof value === 'string') {
      if (name in fields)
        throw validationFailed(msg('errors.speech.fieldTwice', { name }), {
          issues: [{ path: name, message: msg('validation.sentTwice') }],
        });
      fields[name] = value;
    } else
      throw validationFailed(msg('errors.speech.onlyFile', { name }), {
        issues: [{ path: name, message: msg('validation.mustBeText') }],
      });
  }
  if (!file)
    throw validationFailed(msg('errors.speech.fileMissing'), {
      issues: [{ path: 'file', message: msg('validation.required') }],
    });
  const parsed = transcriptionFieldsSchema.safeParse(fields);
  // Worded like the route schemas' issues, in the reader's language (zod's own texts are English).
  if (!parsed.success) throw invalidBody(zodFieldIssues(parsed.error));
  if (file.size > maxSpeechBytes) throw tooLarge();
  return { audio: Buffer.from(await file.arrayBuffer()), fields: parsed.data };
}

/** Speech through the server: capabilities, transcription, synthesis, and the learner's kept recordings. */
export const speechRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, { database, clock, config, llm }) => {
  const recordings = createRecordingStore({ db: database.db, clock, dir: recordingsDirOf(config) });
  const cache = await openSynthesisCache({
    dir: speechCacheDirOf(config),
    maxBytes: config.SPEECH_CACHE_MAX_MB * 1024 * 1024,
    log: app.log,
  });
  // Files a crash or a deleted account left without their row.
  recordings.sweep().catch((error) => app.log.warn({ err: error }, 'could not tidy the recordings folder'));
  const deps: SpeechDeps = {
    db: database.db,
    clock,
    config,
    llm,
    cache,
    recordings,
    voices: createVoiceLists(clock),
    log: app.log,
  };
  const tags = ['speech'];
  const callerOf = (request: Parameters<typeof currentSession>[0]): Caller => {
    const session = currentSession(request);
    return { userId: session.userId, isAdmin: session.role === 'admin' };
  };
  /** Aborts a provider call when the client goes away before the answer (the response closes unfinished). */
  const abortOnClose = (reply: {
    raw: { once(event: 'close', listener: () => void): unknown; writableFinished: boolean };
  }) => {
    const controller = new AbortController();
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) controller.abort();
    });
    return controller.signal;
  };

  app.get(
    '/api/speech/capabilities',
    {
      schema: {
        tags,
        querystring: speechCapabilitiesQuerySchema,
        response: { 200: speechCapabilitiesSchema },
        description:
          'Whether the server can transcribe and speak for the learner now (a chain set up, budget left), the speak provider’s voices where it lists them (those named for `language` first), the voice it speaks `language` with (the learner’s choice for that language, else the chain’s default for it), and the upload limits.',
      },
    },
    async (request) => speechCapabilities(deps, callerOf(request), request.query.language),
  );

  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      '*',
      { bodyLimit: maxSpeechBytes + envelopeBytes },
      (_request, payload, done) => done(null, payload),
    );
    scope.post(
      '/api/speech/transcriptions',
      {
        bodyLimit: maxSpeechBytes + envelopeBytes * 2,
        schema: {
          tags,
          consumes: ['multipart/form-data'],
          response: { 200: transcriptionResultSchema },
          description: `Transcribes a recording (multipart/form-data: \`file\` — WebM or Ogg Opus, WAV, MP3 or M4A, checked by content, at most ${maxSpeechSeconds} s and ${maxSpeechBytes / 1024 / 1024} MB; \`language\` — the conversation's language, always passed to the provider; optional \`conversationId\` and \`purpose\` (message | pronunciation)). The duration is measured from the audio itself and priced per minute (ledger purpose transcription). The audio is kept only when the learner chose to keep recordings.`,
        },
      },
      async (request, reply) => {
        const contentType = request.headers['content-type'] ?? '';
        if (!/^multipart\/form-data\s*;/i.test(contentType))
          throw new AppError('unsupported_media_type', msg('errors.speech.multipart'));
        const body = request.body as AsyncIterable<Buffer> | undefined;
        if (
          !body ||
          typeof (body as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] !== 'function'
        )
          throw validationFailed(msg('errors.speech.sendRecording'));
        let raw: Buffer;
        try {
          raw = await readBody(body);
        } catch (error) {
          // Refused part-way through the upload: the connection closes after the answer instead of
          // waiting on the rest of a body nobody reads.
          reply.header('connection', 'close');
          throw error;
        }
        const { audio, fields } = await readTranscriptionForm(raw, contentType);
        return transcribeRecording(
          deps,
          callerOf(request),
          {
            audio,
            language: fields.language,
            conversationId: fields.conversationId,
            purpose: fields.purpose,
          },
          abortOnClose(reply),
        );
      },
    );
  });

  app.post(
    '/api/speech/synthesis',
    {
      schema: {
        tags,
        body: synthesisRequestSchema,
        produces: ['audio/mpeg', 'audio/wav', 'audio/ogg'],
        description:
          'Speaks a text (1–4,000 characters) in the conversation’s language: the audio bytes, with `x-charla-cache: hit|miss` and `x-charla-cost-micros`. Priced per character (ledger purpose synthesis); a text already spoken with the same provider, model, voice and speed comes from the cache and costs nothing (no ledger row).',
      },
    },
    async (request, reply) => {
      const result = await synthesizeSpeech(deps, callerOf(request), request.body, abortOnClose(reply));
      return reply
        .header('content-type', result.mimeType)
        .header('cache-control', 'private, max-age=86400')
        .header(synthesisHeaders.cache, result.cache)
        .header(synthesisHeaders.costMicros, String(result.costMicros))
        .header(synthesisHeaders.provider, result.provider)
        .header(synthesisHeaders.model, result.model)
        .header(synthesisHeaders.voice, result.voice)
        .send(result.audio);
    },
  );

  app.get(
    '/api/speech/recordings',
    {
      schema: {
        tags,
        response: { 200: recordingListSchema },
        description: 'The recordings the learner kept (newest first), with what was heard in each.',
      },
    },
    async (request) => ({ recordings: await recordings.list(callerOf(request).userId) }),
  );

  app.get(
    '/api/speech/recordings/:id',
    {
      schema: {
        tags,
        params: recordingIdParamsSchema,
        produces: ['audio/webm', 'audio/ogg', 'audio/wav', 'audio/mpeg', 'audio/mp4'],
        description: 'The audio of one of the learner’s recordings.',
      },
    },
    async (request, reply) => {
      const { recording, audio } = await recordings.read(callerOf(request).userId, request.params.id);
      return reply
        .header('content-type', recording.mimeType)
        .header('cache-control', 'private, no-store')
        .send(audio);
    },
  );

  app.delete(
    '/api/speech/recordings/:id',
    { schema: { tags, params: recordingIdParamsSchema, response: { 204: z.null() } } },
    async (request, reply) => {
      await recordings.remove(callerOf(request).userId, request.params.id);
      return reply.status(204).send(null);
    },
  );
};
