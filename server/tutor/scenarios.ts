import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { cefrLevelSchema } from '../../contracts/languages.ts';
import type { InterfaceLanguage } from '../../contracts/messages/languages.ts';
import {
  type GlossedItem,
  type Scenario,
  type ScenarioCreate,
  type ScenarioSummary,
  scenarioCategorySchema,
  scenarioCreateSchema,
  scenarioLanguages,
} from '../../contracts/tutor.ts';
import { foldForSearch } from '../db/folded-match.ts';
import type { Database } from '../db/schema.ts';
import { AppError, forbidden, notFound } from '../errors.ts';
import { msg } from '../i18n/messages.ts';
import type { Clock } from '../lib/clock.ts';
import { newId } from '../lib/ids.ts';
import {
  type ContentTranslations,
  contentTranslationsSchema,
  inReaderLanguage,
} from './content-translations.ts';

const scenariosDir = fileURLToPath(new URL('../../content/scenarios/', import.meta.url));

/** One concept in every built-in language; the English text doubles as the meaning. */
const multilingualSchema = z.strictObject({
  en: z.string().min(1),
  es: z.string().min(1),
  fr: z.string().min(1),
  de: z.string().min(1),
  it: z.string().min(1),
  pt: z.string().min(1),
});

/** The shape of a file in content/scenarios: checked at load, so a bad file fails loudly in tests. */
export const builtInScenarioFileSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9-]+$/),
    title: z.string().min(3),
    description: z.string().min(10),
    translations: contentTranslationsSchema({ title: z.string().min(3), description: z.string().min(10) }),
    category: scenarioCategorySchema,
    level: cefrLevelSchema,
    learnerRole: z.string().min(3),
    tutorRole: z.string().min(3),
    setting: z.string().min(10),
    goals: z
      .array(z.strictObject({ id: z.string().regex(/^[a-z0-9-]+$/), text: z.string().min(5) }))
      .min(2)
      .max(8),
    culturalNotes: z.array(z.string().min(10)).min(1),
    vocabulary: z.array(multilingualSchema).min(8),
    phrases: z.array(multilingualSchema).min(4),
  })
  .refine((file) => new Set(file.goals.map((goal) => goal.id)).size === file.goals.length, {
    message: 'goal ids must be unique',
  });
type BuiltInScenarioFile = z.infer<typeof builtInScenarioFileSchema>;

function glossed(items: BuiltInScenarioFile['vocabulary'], language: (typeof scenarioLanguages)[number]) {
  // English items need no gloss: their meaning is the text itself.
  return items.map((item) => ({ text: item[language], meaning: language === 'en' ? '' : item.en }));
}

function fromFile(file: BuiltInScenarioFile): Scenario {
  const vocabulary: Record<string, GlossedItem[]> = {};
  const phrases: Record<string, GlossedItem[]> = {};
  for (const language of scenarioLanguages) {
    vocabulary[language] = glossed(file.vocabulary, language);
    phrases[language] = glossed(file.phrases, language);
  }
  return {
    id: file.id,
    title: file.title,
    description: file.description,
    category: file.category,
    level: file.level,
    learnerRole: file.learnerRole,
    tutorRole: file.tutorRole,
    builtIn: true,
    author: null,
    shared: true,
    editable: false,
    languages: [...scenarioLanguages],
    setting: file.setting,
    goals: file.goals,
    culturalNotes: file.culturalNotes,
    vocabulary,
    phrases,
  };
}

let builtIns: Scenario[] | undefined;
/** Each built-in's title and description in the other interface languages, by scenario id. */
const builtInTranslations = new Map<string, ContentTranslations<{ title: string; description: string }>>();

/** The built-in role-plays from content/scenarios, validated once and kept. */
export function builtInScenarios(): Scenario[] {
  if (builtIns) return builtIns;
  const files = readdirSync(scenariosDir)
    .filter((file) => file.endsWith('.json'))
    .sort();
  builtIns = files.map((file) => {
    const result = builtInScenarioFileSchema.safeParse(
      JSON.parse(readFileSync(`${scenariosDir}${file}`, 'utf8')),
    );
    if (!result.success) throw new Error(`content/scenarios/${file} is invalid: ${result.error.message}`);
    if (`${result.data.id}.json` !== file)
      throw new Error(`content/scenarios/${file}: id must match the file name`);
    builtInTranslations.set(result.data.id, result.data.translations ?? {});
    return fromFile(result.data);
  });
  return builtIns;
}

/** Who looks: a child sees shared scenarios only when an admin wrote them (admins vouch for them). */
type Viewer = { userId: string; role: 'admin' | 'learner'; isChild?: boolean | undefined };

type CustomRow = {
  id: string;
  author_id: string;
  shared: number;
  definition_json: string;
  author: string | null;
};

function fromRow(row: CustomRow, viewer: Viewer): Scenario {
  const definition = scenarioCreateSchema.parse(JSON.parse(row.definition_json));
  const toItems = (record: ScenarioCreate['vocabulary']) =>
    Object.fromEntries(
      Object.entries(record).filter((entry): entry is [string, GlossedItem[]] => !!entry[1]),
    );
  const vocabulary = toItems(definition.vocabulary);
  return {
    id: row.id,
    title: definition.title,
    description: definition.description,
    category: definition.category,
    level: definition.level,
    learnerRole: definition.learnerRole,
    tutorRole: definition.tutorRole,
    builtIn: false,
    author: row.author,
    shared: row.shared === 1,
    editable: row.author_id === viewer.userId || viewer.role === 'admin',
    languages: Object.keys(vocabulary),
    setting: definition.setting,
    goals: definition.goals.map((text, index) => ({ id: `goal-${index + 1}`, text })),
    culturalNotes: definition.culturalNotes,
    vocabulary,
    phrases: toItems(definition.phrases),
  };
}

function customQuery(db: Kysely<Database>, viewer: Viewer) {
  return db
    .selectFrom('scenarios')
    .leftJoin('users', 'users.id', 'scenarios.author_id')
    .select([
      'scenarios.id',
      'scenarios.author_id',
      'scenarios.shared',
      'scenarios.definition_json',
      'scenarios.category',
      'scenarios.level',
      'scenarios.created_at',
      'users.username as author',
    ])
    .where((eb) =>
      eb.or([
        eb('scenarios.author_id', '=', viewer.userId),
        viewer.isChild
          ? eb.and([eb('scenarios.shared', '=', 1), eb('users.role', '=', 'admin')])
          : eb('scenarios.shared', '=', 1),
      ]),
    );
}

/**
 * A scenario as the reader sees it: a built-in's title and description in their language (what the
 * tutor reads — setting, goals, notes — stays English). Prompts use the scenario as stored.
 */
export function inLanguageOf<T extends Scenario | ScenarioSummary>(
  scenario: T,
  language: InterfaceLanguage,
): T {
  if (!scenario.builtIn) return scenario;
  builtInScenarios();
  return {
    ...scenario,
    ...inReaderLanguage(
      { title: scenario.title, description: scenario.description },
      builtInTranslations.get(scenario.id),
      language,
    ),
  };
}

export const summarizeScenario = (scenario: Scenario): ScenarioSummary => ({
  id: scenario.id,
  title: scenario.title,
  description: scenario.description,
  category: scenario.category,
  level: scenario.level,
  learnerRole: scenario.learnerRole,
  tutorRole: scenario.tutorRole,
  builtIn: scenario.builtIn,
  author: scenario.author,
  shared: scenario.shared,
  editable: scenario.editable,
  languages: scenario.languages,
  ...(scenario.textLanguage ? { textLanguage: scenario.textLanguage } : {}),
});

/**
 * Scenarios the viewer can play, filtered by category, level, language and a title search:
 * built-ins, the viewer's own, and those other members shared with the server.
 */
export async function listScenarios(
  db: Kysely<Database>,
  viewer: Viewer,
  filters: {
    category?: string | undefined;
    level?: string | undefined;
    language?: string | undefined;
    q?: string | undefined;
  },
  language: InterfaceLanguage = 'en',
): Promise<ScenarioSummary[]> {
  let query = customQuery(db, viewer);
  if (filters.category) query = query.where('scenarios.category', '=', filters.category);
  if (filters.level) query = query.where('scenarios.level', '=', filters.level);
  const rows = await query.orderBy('scenarios.created_at', 'desc').limit(500).execute();
  // Case and accents ignored, as in the other searches ("cafe" finds "Café").
  const needle = filters.q?.trim() ? foldForSearch(filters.q.trim()) : undefined;
  // A search finds a built-in by the words the reader sees, and by its English ones.
  const found = (scenario: Scenario) =>
    [scenario, inLanguageOf(scenario, language)].some(
      (shown) =>
        foldForSearch(shown.title).includes(needle as string) ||
        foldForSearch(shown.description).includes(needle as string),
    );
  const matches = (scenario: Scenario) =>
    (!filters.category || scenario.category === filters.category) &&
    (!filters.level || scenario.level === filters.level) &&
    (!needle || found(scenario));
  const builtIn = builtInScenarios().filter(
    (scenario) => matches(scenario) && (!filters.language || scenario.languages.includes(filters.language)),
  );
  // Learner-written scenarios stay listed whatever the language: the tutor improvises missing vocabulary.
  const custom = rows.map((row) => fromRow(row, viewer)).filter(matches);
  return [...builtIn, ...custom].map((scenario) => summarizeScenario(inLanguageOf(scenario, language)));
}

/** A scenario the user may play, or undefined. */
export async function findUsableScenario(
  db: Kysely<Database>,
  viewer: Viewer,
  id: string,
): Promise<Scenario | undefined> {
  const builtIn = builtInScenarios().find((scenario) => scenario.id === id);
  if (builtIn) return builtIn;
  const row = await customQuery(db, viewer).where('scenarios.id', '=', id).executeTakeFirst();
  return row ? fromRow(row, viewer) : undefined;
}

export async function getScenario(
  db: Kysely<Database>,
  viewer: Viewer,
  id: string,
  language: InterfaceLanguage = 'en',
): Promise<Scenario> {
  const scenario = await findUsableScenario(db, viewer, id);
  if (!scenario) throw notFound('scenario');
  return inLanguageOf(scenario, language);
}

const maxScenariosPerUser = 100;

/** Saves a learner-written scenario (already validated by its schema), private or shared. */
export async function createScenario(
  db: Kysely<Database>,
  clock: Clock,
  viewer: Viewer,
  input: ScenarioCreate,
): Promise<Scenario> {
  const count = await db
    .selectFrom('scenarios')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('author_id', '=', viewer.userId)
    .executeTakeFirstOrThrow();
  if (Number(count.count) >= maxScenariosPerUser)
    throw new AppError('conflict', msg('errors.tutor.maxScenarios', { count: maxScenariosPerUser }));
  const now = clock.now();
  const id = newId(now.getTime());
  await db
    .insertInto('scenarios')
    .values({
      id,
      author_id: viewer.userId,
      shared: input.shared ? 1 : 0,
      title: input.title,
      category: input.category,
      level: input.level,
      definition_json: JSON.stringify(input),
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .execute();
  return getScenario(db, viewer, id);
}

async function findEditable(db: Kysely<Database>, viewer: Viewer, id: string) {
  if (builtInScenarios().some((scenario) => scenario.id === id))
    throw forbidden(msg('errors.tutor.builtInScenario'));
  const scenario = await findUsableScenario(db, viewer, id);
  if (!scenario) throw notFound('scenario');
  if (!scenario.editable) throw forbidden(msg('errors.tutor.scenarioAuthor'));
  return scenario;
}

/** Replaces a learner-written scenario; only its author or an admin may. */
export async function updateScenario(
  db: Kysely<Database>,
  clock: Clock,
  viewer: Viewer,
  id: string,
  input: ScenarioCreate,
): Promise<Scenario> {
  await findEditable(db, viewer, id);
  await db
    .updateTable('scenarios')
    .set({
      shared: input.shared ? 1 : 0,
      title: input.title,
      category: input.category,
      level: input.level,
      definition_json: JSON.stringify(input),
      updated_at: clock.now().toISOString(),
    })
    .where('id', '=', id)
    .execute();
  return getScenario(db, viewer, id);
}

/** Deletes a learner-written scenario; conversations that played it keep their transcript. */
export async function deleteScenario(db: Kysely<Database>, viewer: Viewer, id: string): Promise<void> {
  await findEditable(db, viewer, id);
  await db.deleteFrom('scenarios').where('id', '=', id).execute();
}
