import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AnkiImportQuery } from '../../contracts/vocabulary.ts';
import {
  ankiImportQuerySchema,
  ankiImportResultSchema,
  ankiPreviewSchema,
  cardCreateSchema,
  cardFromConversationResponseSchema,
  cardFromConversationSchema,
  cardListQuerySchema,
  cardPageSchema,
  cardSchema,
  cardUpdateSchema,
  conversationCardsQuerySchema,
  conversationCardsSchema,
  csvImportSchema,
  deckCreateSchema,
  deckListQuerySchema,
  deckSchema,
  deckUpdateSchema,
  duePageSchema,
  dueQuerySchema,
  forecastQuerySchema,
  forecastSchema,
  idParamsSchema,
  importPreviewSchema,
  importResultSchema,
  reviewResultSchema,
  reviewSchema,
  statsQuerySchema,
  statsSchema,
  undoResultSchema,
  vocabularySettingsSchema,
  vocabularySettingsUpdateSchema,
} from '../../contracts/vocabulary.ts';
import { currentSession } from '../auth/request-auth.ts';
import type { DatabaseKind } from '../db/connect.ts';
import { validationFailed } from '../errors.ts';
import type { AppDeps } from '../http/app-deps.ts';
import { msg, requestLanguage } from '../i18n/messages.ts';
import { ankiLimits, importAnkiPackage, previewAnkiPackage, readUpload } from './anki-import.ts';
import { buildDeckApkg } from './apkg.ts';
import {
  addCardFromConversation,
  cardsFromConversation,
  createCard,
  deleteCard,
  getCard,
  listCards,
  updateCard,
} from './cards.ts';
import { exportDeckCsv } from './csv-export.ts';
import { commitCsvImport, previewCsvImport } from './csv-import.ts';
import { createDeck, deleteDeck, getDeck, listDecks, updateDeck } from './decks.ts';
import type { VocabularyDeps } from './deps.ts';
import { dueQueue, forecast, reviewCard, undoLastReview, vocabularyStats } from './review.ts';
import { readVocabularySettings, updateVocabularySettings } from './settings.ts';

export type VocabularyRouteOptions = AppDeps & {
  /** Off only in tests and benchmarks that compare exact intervals. */
  fsrsFuzz?: boolean;
};

/**
 * The content-disposition of a deck's download, named after the deck twice: the deck's own name
 * (RFC 6266 `filename*`, which browsers prefer: "Cocina básica.csv") and a plain ASCII fallback with
 * the accents dropped, not split off ("Cocina-basica.csv", not "Cocina-ba-sica.csv").
 */
function deckAttachment(name: string, extension: string): string {
  const ascii =
    name
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .replace(/[^\w.-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'deck';
  // Characters no file system takes become '-'; the browser cleans up anything else it dislikes.
  const own = name.replace(/[\p{Cc}/\\:*?"<>|]+/gu, '-').trim() || 'deck';
  // By code point: a cut through a surrogate pair would make encodeURIComponent throw.
  const encoded = encodeURIComponent(`${[...own].slice(0, 60).join('')}.${extension}`).replace(
    /['()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii.slice(0, 60)}.${extension}"; filename*=UTF-8''${encoded}`;
}

export const vocabularyRoutes: FastifyPluginAsyncZod<VocabularyRouteOptions> = async (app, options) => {
  const deps: VocabularyDeps & { kind: DatabaseKind } = {
    db: options.database.db,
    kind: options.database.kind,
    clock: options.clock,
    ...(options.fsrsFuzz === undefined ? {} : { fuzz: options.fsrsFuzz }),
  };
  const tags = ['vocabulary'];
  const userOf = (request: Parameters<typeof currentSession>[0]) => currentSession(request).userId;

  // --- Anki packages (the file is the raw body, up to 200 MB: their own scope and parser) ----------

  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { bodyLimit: ankiLimits.uploadBytes }, (_request, payload, done) =>
      done(null, payload),
    );
    const upload = async (body: unknown) => {
      if (!body || typeof (body as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] !== 'function')
        throw validationFailed(msg('errors.anki.sendPackage'));
      return readUpload(body as AsyncIterable<Buffer>);
    };
    scope.post(
      '/api/vocabulary/anki/preview',
      {
        bodyLimit: ankiLimits.uploadBytes,
        schema: {
          tags,
          description:
            'Reads an Anki package (.apkg or .colpkg; current and legacy formats) sent as the request body and lists its note types with their fields and sample notes, so the learner can map fields to term, translation, example and notes. Stores nothing.',
          response: { 200: ankiPreviewSchema },
        },
      },
      async (request) => previewAnkiPackage(await upload(request.body)),
    );
    scope.post(
      '/api/vocabulary/anki/import',
      {
        bodyLimit: ankiLimits.uploadBytes,
        schema: {
          tags,
          description:
            'Imports the notes of one note type of an Anki package (the request body) into a deck, with the field mapping from the preview in the query. Field HTML becomes plain text; scheduling starts fresh with FSRS; duplicates are skipped.',
          querystring: ankiImportQuerySchema,
          response: { 200: ankiImportResultSchema },
        },
      },
      async (request) =>
        importAnkiPackage(
          deps,
          userOf(request),
          await upload(request.body),
          request.query as AnkiImportQuery,
        ),
    );
  });

  // --- decks -------------------------------------------------------------------------------------

  app.get(
    '/api/vocabulary/decks',
    {
      schema: {
        tags,
        querystring: deckListQuerySchema,
        response: { 200: z.object({ decks: z.array(deckSchema) }) },
      },
    },
    async (request) => ({ decks: await listDecks(deps, userOf(request), request.query) }),
  );

  app.post(
    '/api/vocabulary/decks',
    { schema: { tags, body: deckCreateSchema, response: { 201: z.object({ deck: deckSchema }) } } },
    async (request, reply) =>
      reply.status(201).send({ deck: await createDeck(deps, userOf(request), request.body) }),
  );

  app.get(
    '/api/vocabulary/decks/:id',
    { schema: { tags, params: idParamsSchema, response: { 200: z.object({ deck: deckSchema }) } } },
    async (request) => ({ deck: await getDeck(deps, userOf(request), request.params.id) }),
  );

  app.patch(
    '/api/vocabulary/decks/:id',
    {
      schema: {
        tags,
        params: idParamsSchema,
        body: deckUpdateSchema,
        response: { 200: z.object({ deck: deckSchema }) },
      },
    },
    async (request) => ({ deck: await updateDeck(deps, userOf(request), request.params.id, request.body) }),
  );

  app.delete(
    '/api/vocabulary/decks/:id',
    { schema: { tags, params: idParamsSchema, response: { 204: z.null() } } },
    async (request, reply) => {
      await deleteDeck(deps, userOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/vocabulary/decks/:id/export.csv',
    { schema: { tags, params: idParamsSchema, produces: ['text/csv'] } },
    async (request, reply) => {
      const { deck, csv } = await exportDeckCsv(deps, userOf(request), request.params.id);
      reply.header('content-type', 'text/csv; charset=utf-8');
      reply.header('content-disposition', deckAttachment(deck.name, 'csv'));
      reply.header('cache-control', 'no-store');
      return reply.send(csv);
    },
  );

  app.get(
    '/api/vocabulary/decks/:id/export.apkg',
    { schema: { tags, params: idParamsSchema, produces: ['application/octet-stream'] } },
    async (request, reply) => {
      const { deck, apkg } = await buildDeckApkg(deps, userOf(request), request.params.id);
      reply.header('content-type', 'application/octet-stream');
      reply.header('content-disposition', deckAttachment(deck.name, 'apkg'));
      reply.header('cache-control', 'no-store');
      return reply.send(apkg);
    },
  );

  app.post(
    '/api/vocabulary/import/preview',
    { schema: { tags, body: csvImportSchema, response: { 200: importPreviewSchema } } },
    async (request) => previewCsvImport(deps, userOf(request), request.body),
  );

  app.post(
    '/api/vocabulary/import',
    { schema: { tags, body: csvImportSchema, response: { 200: importResultSchema } } },
    async (request) => commitCsvImport(deps, userOf(request), request.body),
  );

  // --- cards -------------------------------------------------------------------------------------

  app.get(
    '/api/vocabulary/cards',
    { schema: { tags, querystring: cardListQuerySchema, response: { 200: cardPageSchema } } },
    async (request) => listCards(deps, userOf(request), request.query),
  );

  app.post(
    '/api/vocabulary/cards',
    { schema: { tags, body: cardCreateSchema, response: { 201: z.object({ card: cardSchema }) } } },
    async (request, reply) =>
      reply.status(201).send({ card: await createCard(deps, userOf(request), request.body) }),
  );

  app.post(
    '/api/vocabulary/cards/from-conversation',
    {
      schema: {
        tags,
        description:
          'Adds a correction or a new word from a conversation to the learner’s deck for the language (created on first use), keeping the sentence it came from. Adding the same term again returns the existing card.',
        body: cardFromConversationSchema,
        response: { 200: cardFromConversationResponseSchema, 201: cardFromConversationResponseSchema },
      },
    },
    async (request, reply) => {
      const result = await addCardFromConversation(deps, userOf(request), request.body);
      return reply.status(result.created ? 201 : 200).send(result);
    },
  );

  app.get(
    '/api/vocabulary/conversation-cards',
    {
      schema: {
        tags,
        description:
          'The cards the learner added from one of their conversations (by hand or automatically), with the item each came from.',
        querystring: conversationCardsQuerySchema,
        response: { 200: conversationCardsSchema },
      },
    },
    async (request) => cardsFromConversation(deps, userOf(request), request.query.conversationId),
  );

  app.get(
    '/api/vocabulary/cards/:id',
    { schema: { tags, params: idParamsSchema, response: { 200: z.object({ card: cardSchema }) } } },
    async (request) => ({ card: await getCard(deps, userOf(request), request.params.id) }),
  );

  app.patch(
    '/api/vocabulary/cards/:id',
    {
      schema: {
        tags,
        params: idParamsSchema,
        body: cardUpdateSchema,
        response: { 200: z.object({ card: cardSchema }) },
      },
    },
    async (request) => ({ card: await updateCard(deps, userOf(request), request.params.id, request.body) }),
  );

  app.delete(
    '/api/vocabulary/cards/:id',
    { schema: { tags, params: idParamsSchema, response: { 204: z.null() } } },
    async (request, reply) => {
      await deleteCard(deps, userOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  // --- review ------------------------------------------------------------------------------------

  app.get(
    '/api/vocabulary/due',
    { schema: { tags, querystring: dueQuerySchema, response: { 200: duePageSchema } } },
    async (request) => dueQueue(deps, userOf(request), request.query, requestLanguage(request)),
  );

  app.post(
    '/api/vocabulary/cards/:id/review',
    { schema: { tags, params: idParamsSchema, body: reviewSchema, response: { 200: reviewResultSchema } } },
    async (request) => reviewCard(deps, userOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/vocabulary/undo',
    {
      schema: {
        tags,
        description: 'Takes back the learner’s most recent review, restoring the card exactly as it was.',
        response: { 200: undoResultSchema },
      },
    },
    async (request) => undoLastReview(deps, userOf(request)),
  );

  app.get(
    '/api/vocabulary/forecast',
    { schema: { tags, querystring: forecastQuerySchema, response: { 200: forecastSchema } } },
    async (request) => forecast(deps, userOf(request), request.query),
  );

  app.get(
    '/api/vocabulary/stats',
    { schema: { tags, querystring: statsQuerySchema, response: { 200: statsSchema } } },
    async (request) => vocabularyStats(deps, userOf(request), request.query),
  );

  app.get(
    '/api/vocabulary/settings',
    { schema: { tags, response: { 200: vocabularySettingsSchema } } },
    async (request) => readVocabularySettings(deps.db, userOf(request)),
  );

  app.patch(
    '/api/vocabulary/settings',
    { schema: { tags, body: vocabularySettingsUpdateSchema, response: { 200: vocabularySettingsSchema } } },
    async (request) => updateVocabularySettings(deps, userOf(request), request.body),
  );
};
