import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import type { InterfaceLanguage } from '../../contracts/messages/languages.ts';
import type { Persona, PersonaCreate, PersonaUpdate } from '../../contracts/tutor.ts';
import type { Database, PersonasTable } from '../db/schema.ts';
import { AppError, forbidden, notFound } from '../errors.ts';
import { msg } from '../i18n/messages.ts';
import type { Clock } from '../lib/clock.ts';
import { newId } from '../lib/ids.ts';
import {
  type ContentTranslations,
  contentTranslationsSchema,
  inReaderLanguage,
} from './content-translations.ts';

const personasDir = fileURLToPath(new URL('../../content/personas/', import.meta.url));

/** What the prompt needs from a persona, built-in or custom. */
export type PersonaDefinition = {
  id: string;
  name: string;
  description: string;
  styleRules: string[];
  previewLine: string;
};

const builtInFileSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  description: z.string().min(1),
  translations: contentTranslationsSchema({ name: z.string().min(1), description: z.string().min(1) }),
  default: z.boolean().optional(),
  styleRules: z.array(z.string().min(1)).min(1),
  previewLine: z.string().min(1),
});

let builtIns:
  | {
      list: PersonaDefinition[];
      defaultId: string;
      translations: Map<string, ContentTranslations<{ name: string; description: string }>>;
    }
  | undefined;

/** The built-in personas from content/personas, validated once and kept (they are data, not code). */
export function builtInPersonas(): NonNullable<typeof builtIns> {
  if (builtIns) return builtIns;
  const files = readdirSync(personasDir)
    .filter((file) => file.endsWith('.json'))
    .sort();
  const parsed = files.map((file) => {
    const result = builtInFileSchema.safeParse(JSON.parse(readFileSync(`${personasDir}${file}`, 'utf8')));
    if (!result.success) throw new Error(`content/personas/${file} is invalid: ${result.error.message}`);
    return result.data;
  });
  const defaults = parsed.filter((persona) => persona.default);
  if (defaults.length !== 1) throw new Error('content/personas must mark exactly one persona as default');
  // The default first, so pickers list it first.
  parsed.sort((a, b) => Number(Boolean(b.default)) - Number(Boolean(a.default)));
  builtIns = {
    list: parsed.map(({ default: _default, translations: _translations, ...persona }) => persona),
    defaultId: (defaults[0] as { id: string }).id,
    translations: new Map(parsed.map((persona) => [persona.id, persona.translations ?? {}])),
  };
  return builtIns;
}

type PersonaRow = Selectable<PersonasTable>;
type Viewer = { userId: string; role: 'admin' | 'learner' };

function definitionOf(row: PersonaRow): PersonaDefinition {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    styleRules: JSON.parse(row.style_rules_json) as string[],
    previewLine: row.preview_line,
  };
}

const canEdit = (row: PersonaRow, viewer: Viewer) =>
  row.owner_id === viewer.userId || (row.visibility === 'everyone' && viewer.role === 'admin');

function presentCustom(row: PersonaRow, viewer: Viewer): Persona {
  return {
    ...definitionOf(row),
    builtIn: false,
    isDefault: false,
    visibility: row.visibility,
    editable: canEdit(row, viewer),
  };
}

/** A built-in persona as the reader sees it: its name and description in their language. */
function presentBuiltIn(persona: PersonaDefinition, language: InterfaceLanguage): Persona {
  return {
    ...persona,
    ...inReaderLanguage(
      { name: persona.name, description: persona.description },
      builtInPersonas().translations.get(persona.id),
      language,
    ),
    builtIn: true,
    isDefault: persona.id === builtInPersonas().defaultId,
    visibility: 'builtin',
    editable: false,
  };
}

/** Custom personas a user may use: their own, and those an admin made for everyone. */
async function visibleCustomRows(db: Kysely<Database>, userId: string): Promise<PersonaRow[]> {
  return db
    .selectFrom('personas')
    .selectAll()
    .where((eb) => eb.or([eb('owner_id', '=', userId), eb('visibility', '=', 'everyone')]))
    .orderBy('created_at')
    .execute();
}

/** Built-in personas (the default first), then the custom personas the viewer can use. */
export async function listPersonas(
  db: Kysely<Database>,
  viewer: Viewer,
  language: InterfaceLanguage = 'en',
): Promise<Persona[]> {
  const custom = await visibleCustomRows(db, viewer.userId);
  return [
    ...builtInPersonas().list.map((persona) => presentBuiltIn(persona, language)),
    ...custom.map((row) => presentCustom(row, viewer)),
  ];
}

/** A persona the user may use, or undefined (deleted, or another member's private persona). */
export async function findUsablePersona(
  db: Kysely<Database>,
  userId: string,
  id: string,
): Promise<PersonaDefinition | undefined> {
  const builtIn = builtInPersonas().list.find((persona) => persona.id === id);
  if (builtIn) return builtIn;
  const row = await db
    .selectFrom('personas')
    .selectAll()
    .where('id', '=', id)
    .where((eb) => eb.or([eb('owner_id', '=', userId), eb('visibility', '=', 'everyone')]))
    .executeTakeFirst();
  return row ? definitionOf(row) : undefined;
}

/**
 * The persona a conversation speaks with: its own choice, else the learner's preferred persona,
 * else the default. A persona deleted since falls back the same way rather than breaking the turn.
 */
export async function resolvePersona(
  db: Kysely<Database>,
  userId: string,
  candidates: Array<string | null | undefined>,
): Promise<PersonaDefinition> {
  for (const id of candidates) {
    if (!id) continue;
    const persona = await findUsablePersona(db, userId, id);
    if (persona) return persona;
  }
  const { list, defaultId } = builtInPersonas();
  return list.find((persona) => persona.id === defaultId) as PersonaDefinition;
}

async function findEditable(db: Kysely<Database>, viewer: Viewer, id: string): Promise<PersonaRow> {
  if (builtInPersonas().list.some((persona) => persona.id === id))
    throw forbidden(msg('errors.tutor.builtInPersona'));
  const row = await db.selectFrom('personas').selectAll().where('id', '=', id).executeTakeFirst();
  // Another member's private persona is indistinguishable from a missing one.
  if (!row || (row.owner_id !== viewer.userId && row.visibility !== 'everyone')) throw notFound('persona');
  if (!canEdit(row, viewer)) throw forbidden(msg('errors.tutor.sharedPersona'));
  return row;
}

const maxCustomPersonasPerUser = 50;

/** Creates a custom persona: private to its author, or (admins only) for everyone on the server. */
export async function createPersona(
  db: Kysely<Database>,
  clock: Clock,
  viewer: Viewer,
  input: PersonaCreate,
): Promise<Persona> {
  if (input.visibility === 'everyone' && viewer.role !== 'admin')
    throw forbidden(msg('errors.tutor.createForEveryone'));
  const count = await db
    .selectFrom('personas')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('owner_id', '=', viewer.userId)
    .executeTakeFirstOrThrow();
  if (Number(count.count) >= maxCustomPersonasPerUser)
    throw new AppError('conflict', msg('errors.tutor.maxPersonas', { count: maxCustomPersonasPerUser }));
  const now = clock.now();
  const row: PersonaRow = {
    id: newId(now.getTime()),
    owner_id: viewer.userId,
    visibility: input.visibility,
    name: input.name,
    description: input.description,
    style_rules_json: JSON.stringify(input.styleRules),
    preview_line: input.previewLine,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  };
  await db.insertInto('personas').values(row).execute();
  return presentCustom(row, viewer);
}

/** Updates a custom persona its author (or, for shared ones, an admin) may edit. */
export async function updatePersona(
  db: Kysely<Database>,
  clock: Clock,
  viewer: Viewer,
  id: string,
  update: PersonaUpdate,
): Promise<Persona> {
  const row = await findEditable(db, viewer, id);
  if (update.visibility === 'everyone' && viewer.role !== 'admin')
    throw forbidden(msg('errors.tutor.shareWithEveryone'));
  const next: PersonaRow = {
    ...row,
    ...(update.name !== undefined && { name: update.name }),
    ...(update.description !== undefined && { description: update.description }),
    ...(update.styleRules !== undefined && { style_rules_json: JSON.stringify(update.styleRules) }),
    ...(update.previewLine !== undefined && { preview_line: update.previewLine }),
    ...(update.visibility !== undefined && { visibility: update.visibility }),
    updated_at: clock.now().toISOString(),
  };
  await db.updateTable('personas').set(next).where('id', '=', id).execute();
  return presentCustom(next, viewer);
}

/** Deletes a custom persona; conversations that used it fall back to the default persona. */
export async function deletePersona(db: Kysely<Database>, viewer: Viewer, id: string): Promise<void> {
  await findEditable(db, viewer, id);
  await db.deleteFrom('personas').where('id', '=', id).execute();
}
