import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  accountDeletionSchema,
  passwordChangeSchema,
  profileUpdateSchema,
  sessionResponseSchema,
  userSchema,
} from '../../contracts/auth.ts';
import {
  exportFormat,
  exportJsonSchema,
  exportSchemaPath,
  exportVersion,
  importResultSchema,
  serverExportFormat,
} from '../../contracts/export.ts';
import { clearSessionCookies, currentSession } from '../auth/request-auth.ts';
import { findUserById } from '../auth/users.ts';
import { unauthenticated, validationFailed } from '../errors.ts';
import type { AppDeps } from '../http/app-deps.ts';
import { msg } from '../i18n/messages.ts';
import { recordingsDirOf, removeAccountRecordings } from '../speech/recordings.ts';
import { changePassword, deleteOwnAccount } from './account-data.ts';
import { streamLearnerExport, streamServerExport } from './export.ts';
import { importLearnerExport, importLimits } from './import.ts';
import { updateProfile } from './profile.ts';

export const accountRoutes: FastifyPluginAsyncZod<AppDeps> = async (
  app,
  { database, clock, config, llm },
) => {
  const db = database.db;
  const tags = ['account'];

  app.get('/api/me', { schema: { tags, response: { 200: sessionResponseSchema } } }, async (request) => {
    const session = currentSession(request);
    const user = await findUserById(db, session.userId);
    if (!user) throw unauthenticated();
    return { user, csrfToken: session.csrfToken };
  });

  app.patch(
    '/api/me/profile',
    { schema: { tags, body: profileUpdateSchema, response: { 200: z.object({ user: userSchema }) } } },
    async (request) => {
      const user = await updateProfile(db, clock, currentSession(request).userId, request.body);
      // A cached session carries the interface language the API answers in: every process re-reads it.
      if (request.body.interfaceLanguage !== undefined) await llm.changes.publish('sessions');
      return { user };
    },
  );

  app.post(
    '/api/me/password',
    { schema: { tags, body: passwordChangeSchema, response: { 204: z.null() } } },
    async (request, reply) => {
      const session = currentSession(request);
      await changePassword(db, clock, {
        userId: session.userId,
        sessionId: session.id,
        ...request.body,
        passwordCost: config.PASSWORD_HASH_LOG2_COST,
      });
      // The member's other sessions ended: every process forgets them.
      await llm.changes.publish('sessions');
      return reply.status(204).send(null);
    },
  );

  const exportDocs = {
    description: `The published JSON Schema of the export (format \`${exportFormat}\`, version ${exportVersion})`,
    url: exportSchemaPath,
  };

  app.get(
    '/api/me/export',
    {
      schema: {
        tags,
        description: `Everything stored about the signed-in learner as one versioned JSON document, streamed. JSON Schema: ${exportSchemaPath}`,
        externalDocs: exportDocs,
      },
    },
    async (request, reply) => {
      const { stream, username } = await streamLearnerExport(db, clock, currentSession(request).userId, {
        recordingsDir: recordingsDirOf(config),
      });
      const date = clock.now().toISOString().slice(0, 10);
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="charla-${username}-${date}.json"`)
        .header('cache-control', 'no-store')
        .send(stream);
    },
  );

  app.get(
    '/api/admin/export',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['admin'],
        description: `The owner's archive of the whole server: every member's export in one JSON document (\`${serverExportFormat}\`), streamed. Owner only. JSON Schema: ${exportSchemaPath}`,
        externalDocs: exportDocs,
      },
    },
    async (request, reply) => {
      const stream = await streamServerExport(db, clock, currentSession(request).userId, {
        recordingsDir: recordingsDirOf(config),
      });
      const date = clock.now().toISOString().slice(0, 10);
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="charla-server-${date}.json"`)
        .header('cache-control', 'no-store')
        .send(stream);
    },
  );

  // The import reads its body as a stream (up to 200 MB, gzip allowed), so it lives in its own
  // scope with its own parser: every other route keeps the 1 MiB JSON body limit.
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { bodyLimit: importLimits.uploadBytes }, (_request, payload, done) =>
      done(null, payload),
    );
    scope.post(
      '/api/me/import',
      {
        bodyLimit: importLimits.uploadBytes,
        schema: {
          tags,
          description: `Imports a learner export (the file from GET /api/me/export, as is or gzip-compressed) into the signed-in account: ids remapped, a second import of the same file adds nothing, a newer export version is refused. Upload at most ${importLimits.uploadBytes / 1024 / 1024} MB, unpacked at most ${importLimits.unpackedBytes / 1024 / 1024 / 1024} GB.`,
          externalDocs: exportDocs,
          response: { 200: importResultSchema },
        },
      },
      async (request, reply) => {
        const body = request.body as AsyncIterable<Buffer> | undefined;
        if (
          !body ||
          typeof (body as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] !== 'function'
        )
          throw validationFailed(msg('errors.import.sendFile'));
        try {
          return await importLearnerExport(
            { db, clock, recordingsDir: recordingsDirOf(config) },
            currentSession(request).userId,
            body,
          );
        } catch (error) {
          // Refused part-way through the upload: the rest of it is not read, so the connection
          // closes after the answer instead of waiting on a body nobody reads.
          if (!request.raw.readableEnded) reply.header('connection', 'close');
          throw error;
        }
      },
    );
  });

  const schemaDocument = exportJsonSchema();
  app.get(
    exportSchemaPath,
    { config: { access: 'public' }, schema: { hide: true } },
    async (_request, reply) =>
      reply
        .header('content-type', 'application/schema+json; charset=utf-8')
        .send(JSON.stringify(schemaDocument)),
  );

  app.delete(
    '/api/me',
    { schema: { tags, body: accountDeletionSchema, response: { 204: z.null() } } },
    async (request, reply) => {
      const { userId } = currentSession(request);
      await deleteOwnAccount(db, { userId, password: request.body.password });
      await llm.changes.publish('sessions');
      await removeAccountRecordings(config, userId).catch((error) =>
        request.log.warn({ err: error }, 'could not remove the recordings of a deleted account'),
      );
      clearSessionCookies(reply);
      return reply.status(204).send(null);
    },
  );
};
