import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Actors, createActors, runMatrix } from '../../tests/helpers/api-matrix.ts';
import { startTestApp, type TestApp } from '../../tests/helpers/test-app.ts';
import type * as Decks from '../vocabulary/decks.ts';

// The mutant: GET /api/vocabulary/decks/:id without its owner filter (the deck is read with its
// own owner's id instead of the caller's). The matrix must notice.
vi.mock('../vocabulary/decks.ts', async (importOriginal) => {
  const original = await importOriginal<typeof Decks>();
  return {
    ...original,
    getDeck: async (deps: Parameters<typeof original.getDeck>[0], _userId: string, deckId: string) => {
      const row = await deps.db
        .selectFrom('vocabulary_decks')
        .select('user_id')
        .where('id', '=', deckId)
        .executeTakeFirst();
      return original.getDeck(deps, row?.user_id ?? _userId, deckId);
    },
  };
});

describe('the access matrix catches a route that lost its owner filter', () => {
  let testApp: TestApp;
  let actors: Actors;
  beforeAll(async () => {
    testApp = await startTestApp();
    actors = await createActors(testApp);
  });
  afterAll(() => testApp.close());

  it('reports another member’s deck answered instead of 404', async () => {
    const { findings } = await runMatrix(testApp, actors, {
      only: (operation) => operation.path.startsWith('/api/vocabulary/decks/{id}'),
      fuzz: false,
    });
    expect(findings).toContainEqual(
      expect.objectContaining({
        operation: 'GET /api/vocabulary/decks/{id}',
        check: "another member's deck (path id) → 404",
      }),
    );
    // Only the mutated operation fails: the other deck routes keep their filter.
    expect(new Set(findings.map((finding) => finding.operation))).toEqual(
      new Set(['GET /api/vocabulary/decks/{id}']),
    );
  });
});
