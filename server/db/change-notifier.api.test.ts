import { afterEach, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  postgresUnavailable,
  type TestDatabase,
} from '../../tests/harness/test-database.ts';
import { eventually } from '../../tests/helpers/turns.ts';
import { type ChangeNotifier, createChangeNotifier } from './change-notifier.ts';
import { connectDatabase, type DatabaseHandle } from './connect.ts';
import { migrateToLatest } from './migrate.ts';

/** Two "processes" (each its own connection or pool and notifier) on one database. */
describe.skipIf(postgresUnavailable())('change notifier', () => {
  const opened: Array<{ close(): Promise<void> }> = [];
  let place: TestDatabase | undefined;
  afterEach(async () => {
    for (const item of opened.splice(0).reverse()) await item.close();
    await place?.cleanup();
    place = undefined;
  });

  async function processOn(
    target: TestDatabase,
  ): Promise<{ database: DatabaseHandle; notifier: ChangeNotifier }> {
    const database = connectDatabase(
      target.kind === 'sqlite'
        ? { dataDir: target.dataDir }
        : { databaseUrl: target.databaseUrl, dataDir: '/nonexistent', poolSize: 2 },
    );
    opened.push(database);
    await migrateToLatest(database.db);
    const notifier = createChangeNotifier({
      db: database.db,
      kind: database.kind,
      databaseUrl: target.kind === 'postgres' ? target.databaseUrl : undefined,
      pollMs: 50,
      ackTimeoutMs: 60_000,
    });
    opened.push(notifier);
    await notifier.start();
    return { database, notifier };
  }

  it('tells this process at once and the other process soon after, once per change', async () => {
    place = await createTestDatabase();
    const first = await processOn(place);
    const second = await processOn(place);
    const heardHere: string[] = [];
    const heardThere: string[] = [];
    first.notifier.subscribe('llm-settings', () => heardHere.push('llm-settings'));
    second.notifier.subscribe('llm-settings', () => heardThere.push('llm-settings'));
    second.notifier.subscribe('prices', () => heardThere.push('prices'));

    await first.notifier.publish('llm-settings');
    // The publishing process has reloaded before publish returns.
    expect(heardHere).toEqual(['llm-settings']);
    // On PostgreSQL publish waits for every listening process's acknowledgement: the other one has
    // acted on the change already (a missing acknowledgement would hold publish past the test's timeout).
    if (place.kind === 'postgres') {
      expect(heardThere).toEqual(['llm-settings']);
      expect(first.notifier.live() && second.notifier.live()).toBe(true);
    }
    await eventually(async () => heardThere.length === 1);
    await first.notifier.publish('prices');
    if (place.kind === 'postgres') expect(heardThere).toEqual(['llm-settings', 'prices']);
    await eventually(async () => heardThere.length === 2);
    expect(heardThere).toEqual(['llm-settings', 'prices']);
    // Its own change coming back over the wire (or the version check) is not heard twice.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(heardHere).toEqual(['llm-settings']);
    expect(heardThere).toHaveLength(2);
  });

  it('a process started after a change does not hear it again, but hears the next one', async () => {
    place = await createTestDatabase();
    const first = await processOn(place);
    await first.notifier.publish('llm-settings');
    const late = await processOn(place);
    const heard: string[] = [];
    late.notifier.subscribe('llm-settings', () => heard.push('llm-settings'));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(heard).toEqual([]);
    await first.notifier.publish('llm-settings');
    await eventually(async () => heard.length === 1);
  });
});
