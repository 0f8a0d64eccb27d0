import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  emptyBodySchema,
  fileTextQuerySchema,
  glossarySchema,
  knownWordResultSchema,
  knownWordSchema,
  pasteTextSchema,
  questionAnswerSchema,
  questionResultSchema,
  readingQuestionsSchema,
  readingTextListQuerySchema,
  readingTextListSchema,
  readingTextResponseSchema,
  readingViewSchema,
  rewriteRequestSchema,
  rewriteSchema,
  shareTextSchema,
  talkAboutTextResultSchema,
  textIdParamsSchema,
  urlTextSchema,
} from '../../contracts/reading.ts';
import { currentSession } from '../auth/request-auth.ts';
import { AppError, validationFailed } from '../errors.ts';
import type { AppDeps } from '../http/app-deps.ts';
import { msg } from '../i18n/messages.ts';
import { publicAddressesOnly } from './address-policy.ts';
import { startTextConversation } from './conversation.ts';
import { extractLimits } from './extract-text.ts';
import { setKnownWord } from './marks.ts';
import { answerQuestion, glossaryFor, questionsFor, rewriteFor } from './model-work.ts';
import {
  addFileText,
  addPastedText,
  addUrlText,
  deleteText,
  getText,
  listTexts,
  shareText,
} from './texts.ts';
import { openText } from './view.ts';

const sharedText = 'a text an admin shared with members';

async function readFileBody(body: unknown): Promise<Buffer> {
  if (!body || typeof (body as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] !== 'function')
    throw validationFailed(msg('errors.sendFile'));
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > extractLimits.uploadBytes)
      throw new AppError(
        'payload_too_large',
        msg('errors.fileTooLarge', { megabytes: extractLimits.uploadBytes / 1024 / 1024 }),
      );
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

/** The reading room's routes: thin, each calls one use case. */
export const readingRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const db = deps.database.db;
  const clock = deps.clock;
  const textDeps = {
    db,
    clock,
    addressPolicy: deps.readingFetch?.policy ?? publicAddressesOnly,
    fetchLimits: deps.readingFetch?.limits,
    resolve: deps.readingFetch?.resolve,
  };
  const tags = ['reading'];
  const modelDeps = { db, kind: deps.database.kind, clock, gateway: deps.llm?.gateway };
  const userOf = (request: Parameters<typeof currentSession>[0]) => currentSession(request).userId;

  app.get(
    '/api/reading/texts',
    { schema: { tags, querystring: readingTextListQuerySchema, response: { 200: readingTextListSchema } } },
    async (request) => listTexts(db, currentSession(request).userId, request.query.language),
  );

  app.post(
    '/api/reading/texts',
    { schema: { tags, body: pasteTextSchema, response: { 201: readingTextResponseSchema } } },
    async (request, reply) =>
      reply.status(201).send(await addPastedText(textDeps, currentSession(request), request.body)),
  );

  app.post(
    '/api/reading/texts/from-url',
    {
      schema: {
        tags,
        description:
          'Fetches a web page (http or https; public addresses only, checked after DNS and on every redirect, at most 5) and keeps its readable text. Not for child accounts.',
        body: urlTextSchema,
        response: { 201: readingTextResponseSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addUrlText(textDeps, currentSession(request), request.body)),
  );

  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { bodyLimit: extractLimits.uploadBytes }, (_request, payload, done) =>
      done(null, payload),
    );
    scope.post(
      '/api/reading/texts/from-file',
      {
        bodyLimit: extractLimits.uploadBytes,
        schema: {
          tags,
          description:
            'Keeps the plain text of a .txt, .md, .html or .epub file sent as the request body (the file name in the query says which). PDF is refused (decision 020). Not for child accounts.',
          querystring: fileTextQuerySchema,
          response: { 201: readingTextResponseSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await addFileText(
              textDeps,
              currentSession(request),
              request.query as { language: string; fileName: string; title?: string },
              await readFileBody(request.body),
            ),
          ),
    );
  });

  app.get(
    '/api/reading/texts/:id',
    {
      config: { shared: sharedText },
      schema: { tags, params: textIdParamsSchema, response: { 200: readingTextResponseSchema } },
    },
    async (request) => getText(db, currentSession(request).userId, request.params.id),
  );

  app.get(
    '/api/reading/texts/:id/view',
    {
      config: { shared: sharedText },
      schema: {
        tags,
        description:
          'The text as sentences and words, each word known, learning or new from the learner’s cards as they are now, and the known share.',
        params: textIdParamsSchema,
        response: { 200: readingViewSchema },
      },
      // The view is built here from typed rows; validating its thousands of tokens again on the way
      // out would cost more than marking them. The schema still documents the response.
      serializerCompiler: () => (data) => JSON.stringify(data),
    },
    async (request) =>
      openText({ db, kind: deps.database.kind }, currentSession(request).userId, request.params.id),
  );

  app.delete(
    '/api/reading/texts/:id',
    { schema: { tags, params: textIdParamsSchema } },
    async (request, reply) => {
      await deleteText(db, currentSession(request).userId, request.params.id);
      return reply.status(204).send();
    },
  );

  app.put(
    '/api/reading/texts/:id/sharing',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        description:
          'Shares one of the admin’s texts with every member (read-only for them), or stops sharing it.',
        params: textIdParamsSchema,
        body: shareTextSchema,
        response: { 200: readingTextResponseSchema },
      },
    },
    async (request) =>
      shareText({ db, clock }, currentSession(request).userId, request.params.id, request.body.shared),
  );

  app.put(
    '/api/reading/known-words',
    { schema: { tags, body: knownWordSchema, response: { 200: knownWordResultSchema } } },
    async (request) => setKnownWord({ db, clock }, currentSession(request).userId, request.body),
  );

  app.post(
    '/api/reading/texts/:id/glossary',
    {
      config: { shared: sharedText },
      schema: {
        tags,
        description:
          'The text’s glossary (meaning in context, lemma, example for its first 200 distinct words): one model call per text, metered as reading-glossary, then cached with the text.',
        params: textIdParamsSchema,
        body: emptyBodySchema,
        response: { 200: glossarySchema },
      },
    },
    async (request) => glossaryFor(modelDeps, userOf(request), request.params.id),
  );

  app.post(
    '/api/reading/texts/:id/rewrite',
    {
      config: { shared: sharedText },
      schema: {
        tags,
        description:
          'The text rewritten at the learner’s CEFR level (or the one given), metered as reading-rewrite and cached per level, with the new-word share of both versions for this learner.',
        params: textIdParamsSchema,
        body: rewriteRequestSchema,
        response: { 200: rewriteSchema },
      },
    },
    async (request) => rewriteFor(modelDeps, userOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/reading/texts/:id/questions',
    {
      config: { shared: sharedText },
      schema: {
        tags,
        description:
          'Comprehension questions at the learner’s level, validated (multiple choice and open), metered as reading-questions and cached with the text. Answers stay on the server.',
        params: textIdParamsSchema,
        body: emptyBodySchema,
        response: { 200: readingQuestionsSchema },
      },
    },
    async (request) => questionsFor(modelDeps, userOf(request), request.params.id),
  );

  app.post(
    '/api/reading/texts/:id/answers',
    {
      schema: {
        tags,
        description:
          'Scores an answer: a choice exactly, an open answer by the feedback role (content and language). Stored, and counted for progress and XP.',
        params: textIdParamsSchema,
        body: questionAnswerSchema,
        response: { 200: questionResultSchema },
      },
    },
    async (request) => answerQuestion(modelDeps, userOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/reading/texts/:id/conversation',
    {
      config: { shared: sharedText },
      schema: {
        tags,
        description:
          'Starts a conversation about the text: the tutor’s prompt quotes it as data (bounded; a long text is summarised first by the summary role, metered as reading-rewrite and cached).',
        params: textIdParamsSchema,
        body: emptyBodySchema,
        response: { 201: talkAboutTextResultSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await startTextConversation(
            { db, clock, gateway: deps.llm?.gateway },
            currentSession(request),
            request.params.id,
          ),
        ),
  );
};
