import { existsSync } from 'node:fs';
import type { RouteInfo } from '../../server/app.ts';
import { newId } from '../../server/lib/ids.ts';
import { makeWav } from '../../server/speech/audio-samples.ts';
import { createRecordingStore, recordingsDirOf } from '../../server/speech/recordings.ts';
import { fingerprintTables } from './fingerprint.ts';
import {
  createMember,
  onboard,
  signUpOwner,
  type TestApp,
  type TestClient,
  type TestResponse,
} from './test-app.ts';
import { startConversation, storeLearnerMessage } from './turns.ts';

/**
 * The access and bad-input matrix, generated from the OpenAPI document: every operation is called
 * anonymously, by a learner (admin routes), without the CSRF token, with another member's ids and
 * with malformed input, and every answer is checked. Nothing here lists routes: a new route is
 * covered the day it lands, and fails until its ids have a factory below.
 */

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  default?: unknown;
  additionalProperties?: unknown;
  propertyNames?: JsonSchema;
};

export type Operation = {
  method: string;
  /** OpenAPI template, e.g. /api/vocabulary/cards/{id} */
  path: string;
  route: RouteInfo;
  pathParams: string[];
  queryParams: Array<{ name: string; schema: JsonSchema }>;
  body: JsonSchema | undefined;
};

/** The kinds of resource an id can name; each has a factory that makes a real one for a member. */
export type IdKind =
  | 'conversation'
  | 'message'
  | 'persona'
  | 'scenario'
  | 'deck'
  | 'card'
  | 'exercise'
  | 'member'
  | 'provider'
  | 'catalogueModel'
  | 'readingText'
  | 'recording';

/** Which kind of resource a path parameter, body field or query field names. */
export function idKindOf(path: string, name: string): IdKind | 'language' | undefined {
  if (name === 'language') return 'language';
  if (name === 'messageId' || name === 'sourceMessageId') return 'message';
  if (name === 'conversationId') return 'conversation';
  if (name === 'deckId') return 'deck';
  if (name === 'personaId' || name === 'preferredPersona') return 'persona';
  if (name === 'scenarioId') return 'scenario';
  if (name !== 'id') return undefined;
  const rules: Array<[RegExp, IdKind]> = [
    [/^\/api\/admin\/members\//, 'member'],
    [/^\/api\/conversations\//, 'conversation'],
    [/^\/api\/personas\//, 'persona'],
    [/^\/api\/scenarios\//, 'scenario'],
    [/^\/api\/vocabulary\/decks\//, 'deck'],
    [/^\/api\/vocabulary\/cards\//, 'card'],
    [/^\/api\/grammar\/exercises\//, 'exercise'],
    [/^\/api\/admin\/providers\//, 'provider'],
    [/^\/api\/admin\/local-models\//, 'catalogueModel'],
    [/^\/api\/reading\/texts\//, 'readingText'],
    [/^\/api\/speech\/recordings\//, 'recording'],
  ];
  return rules.find(([pattern]) => pattern.test(path))?.[1];
}

export type Resources = Record<IdKind, string> & { language: string };

/** Real resources of one member, made through the API (or stored directly where a model would write them). */
export async function makeResources(
  testApp: TestApp,
  client: TestClient,
  userId: string,
  options: { sharedScenario?: boolean } = {},
): Promise<Resources> {
  const ok = async (response: Promise<TestResponse>, what: string) => {
    const result = await response;
    if (result.status >= 300) throw new Error(`factory ${what}: ${result.status} ${result.text}`);
    return result.body;
  };
  const conversation = await startConversation(client, { language: 'es' });
  const message = await storeLearnerMessage(testApp.database.db, {
    conversationId: conversation,
    text: 'Hola',
  });
  const persona = await ok(
    client.post('/api/personas', {
      name: 'Factory persona',
      description: 'Made by the matrix.',
      styleRules: ['Be brief.'],
      previewLine: 'Hi.',
    }),
    'persona',
  );
  const scenario = await ok(
    client.post('/api/scenarios', {
      title: 'Factory scenario',
      description: 'Made by the matrix.',
      category: 'daily-life',
      level: 'A2',
      learnerRole: 'a guest',
      tutorRole: 'a host',
      setting: 'A kitchen.',
      goals: ['Say hello'],
      shared: options.sharedScenario ?? false,
    }),
    'scenario',
  );
  const deck = await ok(
    client.post('/api/vocabulary/decks', { language: 'es', name: `Deck ${newId()}` }),
    'deck',
  );
  const card = await ok(
    client.post('/api/vocabulary/cards', { deckId: deck.deck.id, term: `palabra ${newId()}` }),
    'card',
  );
  const exercise = newId();
  await testApp.database.db
    .insertInto('grammar_exercises')
    .values({
      id: exercise,
      user_id: userId,
      language: 'es',
      kind: 'fill-gap',
      level: 'A2',
      topic_id: null,
      error_category: null,
      exercise_json: JSON.stringify({
        id: exercise,
        kind: 'fill-gap',
        language: 'es',
        level: 'A2',
        instruction: 'Fill the gap.',
        prompt: 'Yo ___ al mercado.',
        answer: 'voy',
        accepted: ['voy'],
        explanation: 'First person.',
        errorCategory: null,
      }),
      answered_at: null,
      created_at: new Date().toISOString(),
    })
    .execute();
  // An AI provider set up in the app (server-wide, the admin's): a keyless server on a loopback port
  // that nothing answers, so checks and tests of it stay on this machine and fail politely.
  const provider = `matrix-${newId().slice(-12)}`;
  await testApp.database.db
    .insertInto('llm_providers')
    .values({
      id: provider,
      kind: 'openai-compatible',
      name: `Matrix ${provider}`,
      base_url: 'http://127.0.0.1:1/v1',
      api_key_ciphertext: null,
      api_key_fingerprint: null,
      api_key_last4: null,
      parallel: 1,
      model_file: null,
      position: 0,
      models_json: null,
      check_status: null,
      checked_at: null,
      last_error: null,
      created_at: new Date().toISOString(),
      updated_at: new Date().toISOString(),
    })
    .execute();
  await testApp.llm.changes.publish('llm-settings');
  await testApp.llm.registry.reload();
  // A reading text, stored directly: sharing is an admin's act, and the other member may be a learner.
  const readingText = newId();
  await testApp.database.db
    .insertInto('reading_texts')
    .values({
      id: readingText,
      user_id: userId,
      language: 'es',
      title: 'Factory text',
      source: 'paste',
      source_url: null,
      source_name: null,
      body: 'El gato duerme en la casa.',
      word_count: 6,
      shared: options.sharedScenario ? 1 : 0,
      created_at: new Date().toISOString(),
      updated_at: new Date().toISOString(),
    })
    .execute();
  // A kept recording: its row and, where DATA_DIR is a real folder (SQLite runs), its audio file.
  const recordingRow = {
    userId,
    conversationId: conversation,
    language: 'es',
    mimeType: 'audio/wav',
    audio: makeWav(0.5),
    durationMs: 500,
    transcript: 'Hola',
  };
  const recording = existsSync(testApp.config.DATA_DIR)
    ? await createRecordingStore({
        db: testApp.database.db,
        clock: testApp.clock,
        dir: recordingsDirOf(testApp.config),
      }).save(recordingRow)
    : await (async () => {
        const id = newId();
        await testApp.database.db
          .insertInto('speech_recordings')
          .values({
            id,
            user_id: userId,
            conversation_id: conversation,
            language: 'es',
            mime_type: 'audio/wav',
            bytes: recordingRow.audio.length,
            duration_ms: 500,
            transcript: 'Hola',
            purpose: 'message',
            created_at: new Date().toISOString(),
          })
          .execute();
        return id;
      })();
  return {
    readingText,
    recording,
    provider,
    // Catalogue entries are content, not stored resources; one that does not exist keeps the
    // matrix from starting a real download (they come from the model hub).
    catalogueModel: 'no-such-model',
    conversation,
    message,
    persona: persona.persona.id,
    scenario: scenario.scenario.id,
    deck: deck.deck.id,
    card: card.card.id,
    exercise,
    member: userId,
    language: 'es',
  };
}

/** Ids that exist nowhere, in the right format for each kind. */
export function missingResources(): Resources {
  const id = () => newId();
  return {
    conversation: id(),
    message: id(),
    persona: id(),
    scenario: id(),
    deck: id(),
    card: id(),
    exercise: id(),
    member: id(),
    provider: 'no-such-provider',
    catalogueModel: 'no-such-model',
    readingText: id(),
    recording: id(),
    language: 'es',
  };
}

/** The operations of the OpenAPI document, each joined to its route's declared access. */
export async function readOperations(testApp: TestApp): Promise<Operation[]> {
  const document = (await testApp.client().get('/api/openapi.json')).body as {
    paths: Record<string, Record<string, any>>;
  };
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const url = path.replace(/\{(\w+)\}/g, ':$1');
      const route = testApp.app.routeCatalogue.find(
        (r) => r.url === url && r.method === method.toUpperCase(),
      );
      if (!route) throw new Error(`No route behind the operation ${method} ${path}`);
      const parameters = (operation.parameters ?? []) as Array<{
        in: string;
        name: string;
        schema: JsonSchema;
      }>;
      operations.push({
        method: method.toUpperCase(),
        path,
        route,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: parameters
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, schema: p.schema })),
        body: operation.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  return operations;
}

const sampleText = 'Sample text';

/** A value the schema accepts, with ids taken from `resources` where the field names a resource. */
export function sampleValue(
  schema: JsonSchema | undefined,
  name: string,
  path: string,
  resources: Resources,
): unknown {
  if (!schema) return undefined;
  const options = schema.anyOf ?? schema.oneOf;
  if (options) {
    const usable = options.find((option) => option.type !== 'null') ?? options[0];
    return sampleValue(usable, name, path, resources);
  }
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  const kind = idKindOf(path, name);
  switch (type) {
    case 'object': {
      const result: Record<string, unknown> = {};
      const properties = schema.properties ?? {};
      const required = schema.required ?? [];
      // An update with every field optional still needs one, or it is "nothing to update".
      const keys = required.length ? required : Object.keys(properties).slice(0, 1);
      for (const key of keys) result[key] = sampleValue(properties[key], key, path, resources);
      return result;
    }
    case 'array': {
      const count = Math.max(schema.minItems ?? 0, 1);
      if (name === 'ids') return [];
      return Array.from({ length: count }, () => sampleValue(schema.items, name, path, resources));
    }
    case 'string': {
      if (kind && kind !== 'language') return resources[kind];
      if (kind === 'language') return resources.language;
      if (schema.format === 'uuid') return newId();
      if (schema.format === 'email') return 'someone@example.com';
      if (name === 'month') return '2026-11';
      if (name === 'password' || name === 'newPassword' || name === 'currentPassword')
        return 'a long enough password';
      if (name === 'username') return `user${Math.floor(Math.random() * 1e6)}`;
      if (name === 'csv') return 'hola,hello';
      if (schema.pattern === '^[a-z0-9-]+$') return 'friendly';
      const max = schema.maxLength ?? sampleText.length;
      return sampleText.slice(0, Math.max(max, schema.minLength ?? 1));
    }
    case 'integer':
    case 'number': {
      const low = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
      return Math.min(Math.max(low, 1), schema.maximum ?? Number.MAX_SAFE_INTEGER);
    }
    case 'boolean':
      return false;
    default:
      return undefined;
  }
}

export function fillPath(operation: Operation, resources: Resources): string {
  return operation.path.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const kind = idKindOf(operation.path, name);
    if (!kind)
      throw new Error(`No id factory for the parameter "${name}" of ${operation.method} ${operation.path}`);
    return encodeURIComponent(resources[kind]);
  });
}

export function sampleBody(operation: Operation, resources: Resources): unknown {
  return operation.body ? sampleValue(operation.body, '', operation.path, resources) : undefined;
}

export type Caller = { client: TestClient; id: string };
export type Actors = { owner: Caller; learner: Caller; other: Caller };

export async function createActors(testApp: TestApp): Promise<Actors> {
  const ownerClient = await signUpOwner(testApp);
  const ownerId = (await ownerClient.get('/api/me')).body.user.id as string;
  const learner = await createMember(testApp, ownerClient, { username: 'learner' });
  const other = await createMember(testApp, ownerClient, { username: 'other' });
  for (const client of [ownerClient, learner.client, other.client]) await onboard(client, 'es');
  return { owner: { client: ownerClient, id: ownerId }, learner, other };
}

function send(
  client: TestClient,
  method: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  if (body === undefined) return client.request(method, path, { headers });
  return client.request(method, path, {
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** One finding of the matrix: which operation, which check, what came back. */
export type Finding = { operation: string; check: string; detail: string };

/** Paths of every string, number and boolean leaf of a sample body (first level and nested objects). */
function leaves(value: unknown, prefix: string[] = []): Array<{ path: string[]; value: unknown }> {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) =>
      leaves(inner, [...prefix, key]),
    );
  }
  if (Array.isArray(value)) return value.length ? leaves(value[0], [...prefix, '0']) : [];
  return prefix.length ? [{ path: prefix, value }] : [];
}

function replaced(value: unknown, path: string[], replacement: unknown): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  let target: any = copy;
  for (const key of path.slice(0, -1)) target = target[key];
  target[path[path.length - 1]!] = replacement;
  return copy;
}

/**
 * Runs every check on every operation and returns what failed (an empty list when all is well).
 * `only` narrows it to some operations (the mutant test).
 */
export async function runMatrix(
  testApp: TestApp,
  actors: Actors,
  options: { only?: (operation: Operation) => boolean; fuzz?: boolean } = {},
): Promise<{ findings: Finding[]; checked: number }> {
  const findings: Finding[] = [];
  let checked = 0;
  const db = testApp.database.db;
  const operations = (await readOperations(testApp)).filter(options.only ?? (() => true));
  // Destructive operations last, so the others keep their resources.
  operations.sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
  const note = (operation: Operation, check: string, detail: string) =>
    findings.push({ operation: `${operation.method} ${operation.path}`, check, detail });

  // Resources per member, made once and made again after an operation that may have deleted them
  // (the per-member limits on personas and scenarios forbid one set per operation).
  const cache = new Map<string, Resources>();
  const resourcesOf = async (caller: Caller, shared = false) => {
    const key = `${caller.id}:${shared}`;
    let resources = cache.get(key);
    if (!resources) {
      resources = await makeResources(testApp, caller.client, caller.id, { sharedScenario: shared });
      cache.set(key, resources);
    }
    return resources;
  };

  for (const operation of operations) {
    if (operation.method === 'DELETE') cache.clear();
    const { method, route } = operation;
    const unsafe = method !== 'GET';
    // Operations that end the caller's session run as a member made for them alone.
    const endsSession =
      /^\/api\/auth\/logout/.test(operation.path) || (method === 'DELETE' && operation.path === '/api/me');
    const caller =
      route.access === 'admin'
        ? actors.owner
        : endsSession
          ? await createMember(testApp, actors.owner.client, {
              username: `once${Math.floor(Math.random() * 1e9)}`,
            })
          : actors.learner;
    const own = await resourcesOf(caller);
    const path = fillPath(operation, own);
    const body = sampleBody(operation, own);

    // Anonymous: 401 before anything else, whatever the path or body.
    if (route.access !== 'public') {
      checked++;
      const response = await send(testApp.client(), method, path, body);
      if (response.status !== 401)
        note(operation, 'anonymous → 401', `${response.status} ${response.text.slice(0, 120)}`);
    }
    // A learner on an admin route: 403.
    if (route.access === 'admin') {
      checked++;
      const learnerOwn = missingResources();
      const response = await send(actors.learner.client, method, fillPath(operation, learnerOwn), body);
      if (response.status !== 403)
        note(operation, 'learner on admin route → 403', `${response.status} ${response.text.slice(0, 120)}`);
    }
    // A cookie write without the CSRF token: 403, nothing changed.
    if (unsafe && route.access !== 'public') {
      checked++;
      const before = await fingerprintTables(db);
      caller.client.sendCsrf = false;
      const response = await send(caller.client, method, path, body);
      caller.client.sendCsrf = true;
      if (response.status !== 403 || response.body?.error?.code !== 'forbidden')
        note(operation, 'no CSRF token → 403', `${response.status} ${response.text.slice(0, 120)}`);
      if (JSON.stringify(await fingerprintTables(db)) !== JSON.stringify(before))
        note(operation, 'no CSRF token → nothing changed', 'a table changed');
    }
    // Another member's ids (path, query and body): the same answer as an id that does not exist.
    const idParams = [
      ...operation.pathParams.map((name) => ({ name, where: 'path' as const })),
      ...operation.queryParams
        .filter((p) => idKindOf(operation.path, p.name))
        .map((p) => ({ name: p.name, where: 'query' as const })),
      ...Object.keys(operation.body?.properties ?? {})
        .filter((name) => idKindOf(operation.path, name))
        .map((name) => ({ name, where: 'body' as const })),
    ].filter(({ name }) => {
      const kind = idKindOf(operation.path, name);
      // Members, providers and catalogue models are the server's, not a member's own.
      return (
        kind && kind !== 'language' && kind !== 'member' && kind !== 'provider' && kind !== 'catalogueModel'
      );
    });
    if (route.access === 'user' && idParams.length) {
      const theirs = await resourcesOf(actors.other);
      const missing = missingResources();
      for (const { name, where } of idParams) {
        const kind = idKindOf(operation.path, name) as IdKind;
        const build = (source: Resources) => {
          // The message of a path belongs to its conversation: both come from the same member.
          const pick = { ...own, [kind]: source[kind] } as Resources;
          if (where === 'path' && kind === 'message') pick.conversation = source.conversation;
          const url = fillPath(operation, pick);
          const search = where === 'query' ? `?${name}=${encodeURIComponent(source[kind])}` : '';
          const payload =
            where === 'body' && body && typeof body === 'object'
              ? { ...(body as Record<string, unknown>), [name]: source[kind] }
              : body;
          return { url: url + search, payload };
        };
        checked++;
        const before = await fingerprintTables(db);
        const foreign = build(theirs);
        const foreignResponse = await send(caller.client, method, foreign.url, foreign.payload);
        const afterForeign = await fingerprintTables(db);
        const absent = build(missing);
        const missingResponse = await send(caller.client, method, absent.url, absent.payload);
        const label = `another member's ${kind} (${where} ${name})`;
        if (where === 'path' && foreignResponse.status !== 404)
          note(
            operation,
            `${label} → 404`,
            `${foreignResponse.status} ${foreignResponse.text.slice(0, 160)}`,
          );
        if (
          foreignResponse.status !== missingResponse.status ||
          foreignResponse.text !== missingResponse.text
        )
          note(
            operation,
            `${label} answers like a missing one`,
            `${foreignResponse.status} ${foreignResponse.text.slice(0, 120)} vs ${missingResponse.status} ${missingResponse.text.slice(0, 120)}`,
          );
        if (foreignResponse.status >= 400 && JSON.stringify(afterForeign) !== JSON.stringify(before))
          note(operation, `${label} changes nothing`, 'a table changed');
      }
    }
    // Declared sharing: another member's shared resource is visible where the route says so.
    if (route.shared && method === 'GET' && operation.pathParams.length) {
      checked++;
      const shared = await resourcesOf(actors.other, true);
      const response = await send(caller.client, method, fillPath(operation, shared), undefined);
      if (response.status !== 200) note(operation, `shared (${route.shared}) → 200`, `${response.status}`);
    }
    if (options.fuzz === false) continue;
    // Malformed input: never a 5xx, and after every 4xx nothing changed.
    const cases: Array<{ label: string; url: string; payload: unknown }> = [];
    if (operation.body || unsafe) {
      for (const raw of ['{"a":', 'not json', '[]', 'null', '"text"', '12'])
        cases.push({ label: `body ${raw}`, url: path, payload: raw });
    }
    if (body && typeof body === 'object') {
      for (const leaf of leaves(body)) {
        const at = leaf.path.join('.');
        const wrong: unknown[] = [
          '\u0000',
          'a\u0007b\u001b',
          `${sampleText}\u0000`,
          // Unpaired surrogates (half of an emoji): UTF-8 cannot carry them.
          '\ud83d',
          `${sampleText}\ude00`,
          1e308,
          -(2 ** 63),
          2 ** 53 + 1,
          true,
          {},
          [],
          null,
        ];
        for (const value of wrong)
          cases.push({
            label: `${at} = ${JSON.stringify(value)}`,
            url: path,
            payload: replaced(body, leaf.path, value),
          });
      }
      cases.push({ label: 'unknown field', url: path, payload: { ...(body as object), unknownField: 1 } });
    }
    for (const parameter of operation.queryParams) {
      for (const value of ['\u0000', 'a\u0007b', '1e308', '-1', '99999999999999999999', 'x'.repeat(5000)])
        cases.push({
          label: `?${parameter.name}=${JSON.stringify(value).slice(0, 20)}`,
          url: `${path}?${parameter.name}=${encodeURIComponent(value)}`,
          payload: body,
        });
      // Bytes that are not UTF-8: half of an emoji as CESU-8, and a byte UTF-8 never uses.
      for (const raw of ['%ED%A0%BD', 'a%FFb'])
        cases.push({
          label: `?${parameter.name}=${raw}`,
          url: `${path}?${parameter.name}=${raw}`,
          payload: body,
        });
    }
    for (const name of operation.pathParams) {
      for (const value of ['%00', 'a%07b', 'x'.repeat(300), '..%2F..%2Fetc'])
        cases.push({
          label: `{${name}}=${value.slice(0, 20)}`,
          url: operation.path
            .replace(`{${name}}`, value)
            .replace(/\{(\w+)\}/g, (_m, n: string) =>
              encodeURIComponent(own[idKindOf(operation.path, n) as IdKind]),
            ),
          payload: body,
        });
    }
    for (const testCase of cases) {
      checked++;
      const before = await fingerprintTables(db);
      const response = await send(caller.client, method, testCase.url, testCase.payload);
      // 503 no_provider is the contract's refusal when no AI provider is set up: stored nothing, not a bug.
      const refusal = response.status === 503 && response.body?.error?.code === 'no_provider';
      if (response.status >= 500 && !refusal) {
        note(
          operation,
          `fuzz ${testCase.label} → no 5xx`,
          `${response.status} ${response.text.slice(0, 160)}`,
        );
        continue;
      }
      if (response.status >= 400 && JSON.stringify(await fingerprintTables(db)) !== JSON.stringify(before))
        note(
          operation,
          `fuzz ${testCase.label} → 4xx changes nothing`,
          `${response.status} but a table changed`,
        );
    }
  }
  return { findings, checked };
}
