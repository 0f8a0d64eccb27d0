import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actors, createActors, readOperations, runMatrix } from '../../tests/helpers/api-matrix.ts';
import { startTestApp, type TestApp } from '../../tests/helpers/test-app.ts';

describe('every operation of the OpenAPI document: access, CSRF, other members’ ids and malformed input', () => {
  let testApp: TestApp;
  let actors: Actors;
  beforeAll(async () => {
    testApp = await startTestApp();
    actors = await createActors(testApp);
  });
  afterAll(() => testApp.close());

  it('reads every operation and knows its route', async () => {
    const operations = await readOperations(testApp);
    expect(operations.length).toBeGreaterThan(80);
    expect(operations.filter((operation) => operation.route.access === 'admin').length).toBeGreaterThan(10);
  });

  it('answers anonymous 401, learners on admin routes 403, writes without CSRF 403, other members’ ids like missing ones, and malformed input with a 4xx that changes nothing', async () => {
    const { findings, checked } = await runMatrix(testApp, actors);
    expect(checked).toBeGreaterThan(1000);
    expect(findings.map((finding) => `${finding.operation} | ${finding.check} | ${finding.detail}`)).toEqual(
      [],
    );
  }, 600_000);
});
