import { resolve } from 'node:path';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  adminProviderSchema,
  catalogueIdParamsSchema,
  chainUpdateSchema,
  downloadProgressSchema,
  localModelsSchema,
  providerCreateSchema,
  providerIdParamsSchema,
  providerListSchema,
  providerTestResultSchema,
  providerTestSchema,
  providerUpdateSchema,
} from '../../contracts/providers.ts';
import { speechChainUpdateSchema } from '../../contracts/speech.ts';
import { currentSession } from '../auth/request-auth.ts';
import type { AppDeps } from '../http/app-deps.ts';
import { openSseStream } from '../http/sse.ts';
import { requestLanguage } from '../i18n/messages.ts';
import { createDownloadManager, presentDownload, resolveHuggingFaceUri } from './local/downloads.ts';
import { modelsDirOf, resolveModelFile } from './local/model-files.ts';
import {
  cancelModelDownload,
  type LocalModelsDeps,
  readLocalModels,
  startModelDownload,
} from './local-models.ts';
import {
  createProvider,
  deleteProvider,
  listProviders,
  type ProviderAdminDeps,
  setChain,
  setSpeechChain,
  testProvider,
  updateProvider,
} from './provider-admin.ts';

/** Admin → AI providers: providers, their tests, and the chains per role and language. */
export const llmRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, { database, clock, config, llm }) => {
  const folder = modelsDirOf(resolve(config.DATA_DIR));
  const deps: ProviderAdminDeps = {
    db: database.db,
    clock,
    llm,
    log: app.log,
    checkModelFile: async (name) => {
      await resolveModelFile(folder, name);
    },
  };
  // The admin's messages (a check's last error, a refusal) are worded in the caller's language.
  const depsFor = (request: FastifyRequest): ProviderAdminDeps => ({
    ...deps,
    language: requestLanguage(request),
  });
  const downloads = createDownloadManager({
    modelsDir: folder,
    clock,
    resolveUrl: (uri) => resolveHuggingFaceUri(uri, config.HF_ENDPOINT),
  });
  // Progress streams end, and a download in progress pauses, with the server; its part resumes on
  // the next start.
  const openStreams = new Set<() => void>();
  app.addHook('onClose', async () => {
    for (const stop of [...openStreams]) stop();
    await downloads.close();
  });
  const local: LocalModelsDeps = { modelsDir: folder, downloads, registry: llm.registry };
  const admin = { access: 'admin' as const };
  const tags = ['admin', 'providers'];

  app.get(
    '/api/admin/providers',
    {
      config: admin,
      schema: {
        tags,
        response: { 200: providerListSchema },
        description:
          'Every provider (set in the app, in the environment, or detected), its state and models, the chains set per role and language, and what each role uses now. Keys are never returned, only their last four characters.',
      },
    },
    async (request) => listProviders(depsFor(request)),
  );

  app.post(
    '/api/admin/providers',
    {
      config: admin,
      schema: {
        tags,
        body: providerCreateSchema,
        response: { 201: z.object({ provider: adminProviderSchema }) },
        description:
          'Adds a provider: Anthropic or Mistral (key), an OpenAI-compatible server (address, optional key), or a local GGUF model in DATA_DIR/models. The key is stored encrypted. Applies to the next call in every process.',
      },
    },
    async (request, reply) =>
      reply.status(201).send({ provider: await createProvider(depsFor(request), request.body) }),
  );

  app.patch(
    '/api/admin/providers/:id',
    {
      config: admin,
      schema: {
        tags,
        params: providerIdParamsSchema,
        body: providerUpdateSchema,
        response: { 200: z.object({ provider: adminProviderSchema }) },
      },
    },
    async (request) => ({
      provider: await updateProvider(depsFor(request), request.params.id, request.body),
    }),
  );

  app.delete(
    '/api/admin/providers/:id',
    { config: admin, schema: { tags, params: providerIdParamsSchema, response: { 204: z.null() } } },
    async (request, reply) => {
      await deleteProvider(depsFor(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/admin/providers/:id/test',
    {
      config: admin,
      schema: {
        tags,
        params: providerIdParamsSchema,
        body: providerTestSchema.optional(),
        response: { 200: providerTestResultSchema },
        description:
          'One tiny real call (metered like any call, purpose provider-test), then a fresh check of the model list. A failed test answers 200 with ok: false and the reason.',
      },
    },
    async (request) =>
      testProvider(depsFor(request), request.params.id, {
        model: request.body?.model,
        userId: currentSession(request).userId,
      }),
  );

  app.put(
    '/api/admin/chains',
    {
      config: admin,
      schema: {
        tags,
        body: chainUpdateSchema,
        response: { 200: providerListSchema },
        description:
          'Sets the ordered chain of a role (conversation, feedback, summary, exercises), optionally for one language; an empty list goes back to the default.',
      },
    },
    async (request) => setChain(depsFor(request), request.body),
  );

  app.put(
    '/api/admin/providers/speech-chains',
    {
      config: admin,
      schema: {
        tags,
        body: speechChainUpdateSchema,
        response: { 200: providerListSchema },
        description:
          'Sets the ordered speech chain of a function: transcribe (speech to text) or speak (text to speech, each link optionally with a default voice). Links name OpenAI-compatible or Mistral providers; an empty list removes the app’s setting (SPEECH_CHAIN_* then applies, else that speech function is off).',
      },
    },
    async (request) => setSpeechChain(depsFor(request), request.body),
  );

  app.get(
    '/api/admin/local-models',
    {
      config: admin,
      schema: {
        tags,
        response: { 200: localModelsSchema },
        description:
          'The curated catalogue of local models (unverified until a complete download records size and checksum), the GGUF files in DATA_DIR/models, downloads in progress, free disk and memory.',
      },
    },
    async (request) => readLocalModels(local, requestLanguage(request)),
  );

  app.post(
    '/api/admin/local-models/:id/download',
    {
      config: admin,
      schema: {
        tags,
        params: catalogueIdParamsSchema,
        response: { 202: z.object({ download: downloadProgressSchema }) },
        description:
          'Starts or resumes downloading a catalogue model into DATA_DIR/models (free disk space checked first). Progress arrives on GET /api/admin/local-models/events.',
      },
    },
    async (request, reply) =>
      reply
        .status(202)
        .send({ download: await startModelDownload(local, request.params.id, requestLanguage(request)) }),
  );

  app.delete(
    '/api/admin/local-models/:id/download',
    {
      config: admin,
      schema: {
        tags,
        params: catalogueIdParamsSchema,
        response: { 200: z.object({ download: downloadProgressSchema }) },
        description: 'Cancels a download and deletes what it had received.',
      },
    },
    async (request) => ({
      download: await cancelModelDownload(local, request.params.id, requestLanguage(request)),
    }),
  );

  app.get(
    '/api/admin/local-models/events',
    {
      config: admin,
      schema: {
        tags,
        produces: ['text/event-stream'],
        description:
          'Server-Sent Events: `progress` with a download’s bytes, speed, time left and state — first the downloads known now, then every change until no download runs (the stream then ends).',
      },
    },
    async (request, reply) => {
      const stream = openSseStream(request, reply);
      const active = () => downloads.list().some((download) => download.state === 'downloading');
      const language = requestLanguage(request);
      for (const progress of downloads.list())
        stream.send({ type: 'progress', ...presentDownload(progress, language) });
      // The stream lives while a download runs: the page opens it when one starts and reloads the
      // list when it ends, so an idle page holds no connection.
      if (!active()) {
        stream.end();
        return;
      }
      // A comment line now and then keeps proxies from closing a quiet stream.
      const keepAlive = setInterval(() => reply.raw.write(': keep-alive\n\n'), 25_000);
      let unsubscribe = () => {};
      const stop = () => {
        clearInterval(keepAlive);
        unsubscribe();
        openStreams.delete(stop);
        stream.end();
      };
      unsubscribe = downloads.subscribe((progress) => {
        stream.send({ type: 'progress', ...presentDownload(progress, language) });
        if (!active()) stop();
      });
      openStreams.add(stop);
      stream.signal.addEventListener('abort', stop, { once: true });
    },
  );
};
