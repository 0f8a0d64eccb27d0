import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { type GrammarTopic, grammarTopicSchema } from '../../contracts/grammar.ts';

const topicFileSchema = z.object({ language: z.string(), topics: z.array(grammarTopicSchema) });

const topicsDir = new URL('../../content/grammar/topics/', import.meta.url);

/** Languages with a written topic catalogue (the others get model-generated practice only). */
export const topicLanguages = ['es', 'fr', 'de', 'it', 'pt', 'en'] as const;

const cache = new Map<string, Promise<GrammarTopic[]>>();

/** The grammar topics of a language from `content/grammar/topics/`, easiest level first. */
export function listTopics(language: string): Promise<GrammarTopic[]> {
  if (!(topicLanguages as readonly string[]).includes(language)) return Promise.resolve([]);
  let topics = cache.get(language);
  if (!topics) {
    topics = readFile(new URL(`${language}.json`, topicsDir), 'utf8').then((text) => {
      const levels = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'];
      return topicFileSchema
        .parse(JSON.parse(text))
        .topics.sort((a, b) => levels.indexOf(a.level) - levels.indexOf(b.level));
    });
    cache.set(language, topics);
    topics.catch(() => cache.delete(language));
  }
  return topics;
}

export async function findTopic(language: string, topicId: string): Promise<GrammarTopic | undefined> {
  return (await listTopics(language)).find((topic) => topic.id === topicId);
}
