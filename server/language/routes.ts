import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { cefrLevelSchema, languageCatalogue } from '../../contracts/languages.ts';

const languageSchema = z.object({
  code: z.string(),
  name: z.string(),
  nativeName: z.string(),
  spelling: z.boolean(),
  conjugation: z.boolean(),
  scenarioVocabulary: z.boolean(),
});

export const languageRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/languages',
    {
      config: { access: 'public' },
      schema: {
        tags: ['languages'],
        response: { 200: z.object({ languages: z.array(languageSchema), levels: z.array(cefrLevelSchema) }) },
      },
    },
    async () => ({ languages: [...languageCatalogue], levels: [...cefrLevelSchema.options] }),
  );
};
