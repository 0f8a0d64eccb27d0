import { expect, type Page, test } from '@playwright/test';
import { checkPage } from './page-checks.ts';
import { fakeLlmControl, screenshot, scriptFakeLlm, useLearner, waitForOpening } from './support.ts';

// Each journey walks through several pages and conversations: more than the default 30 s on a
// loaded two-core machine.
test.describe.configure({ timeout: 60_000 });

/** Every journey of this file is Pablo's (a Spanish learner at A2). */
const learner = (request: Parameters<typeof useLearner>[0]) =>
  useLearner(request, 'pablo', { target: 'es', level: 'A2' });

const opening = 'has just opened this conversation';

type RecordedCall = { rule: string | null; structured: boolean; body: unknown };
async function recordedCalls(page: Page): Promise<RecordedCall[]> {
  return (await (await page.request.get(`${fakeLlmControl}/requests`)).json()).requests as RecordedCall[];
}

/** Starts a role-play of `scenario` with `persona` from the New conversation dialog. */
async function startRolePlay(page: Page, scenario: string, persona: string, preview: string) {
  await page.goto('/conversations');
  await page.getByRole('button', { name: 'New conversation' }).click();
  const dialog = page.getByRole('dialog', { name: 'New conversation' });
  await dialog.getByRole('radio', { name: /Scenario role-play/ }).check();
  await dialog.getByRole('button', { name: new RegExp(`^${scenario}`) }).click();
  await dialog.getByLabel('Tutor persona').selectOption({ label: `${persona} (custom)` });
  await expect(dialog.getByTestId('persona-preview')).toHaveText(preview);
  await dialog.getByRole('button', { name: 'Start conversation' }).click();
  await expect(page.getByRole('heading', { name: `${scenario} (Spanish)`, level: 1 })).toBeVisible();
  await waitForOpening(page);
}

/**
 * A learner writes a persona and a role-play of their own on the Personas & scenarios page, plays
 * the scenario with the persona (both reach the tutor's prompt), edits both and sees the edits in the
 * next conversation, then deletes both.
 */
test('a learner creates, uses, edits and deletes a custom persona and scenario', async ({ page }) => {
  await learner(page.request);
  await page.goto('/tutor');
  await expect(page.getByRole('heading', { name: 'Personas & scenarios', level: 1 })).toBeVisible();

  const personaForm = page.getByRole('form', { name: 'Create a persona' });
  await personaForm.getByLabel('Name').fill('Profe Futbolero');
  await personaForm.getByLabel('Description').fill('A coach who talks football.');
  await personaForm.getByLabel('Teaching style').fill('Relate every topic to football.\nPraise good effort.');
  await personaForm.getByLabel('Preview line').fill('¿Viste el partido de ayer?');
  await personaForm.getByRole('button', { name: 'Create persona' }).click();
  const personaCard = page.locator('.persona-card', { hasText: 'Profe Futbolero' });
  await expect(personaCard).toContainText('Yours');
  await expect(personaCard).toContainText('¿Viste el partido de ayer?');

  const scenarioForm = page.getByRole('form', { name: 'Write a scenario' });
  await scenarioForm.getByLabel('Title').fill('En el mercado de Oaxaca');
  await scenarioForm.getByLabel('Description').fill('Buy fruit at a market stall.');
  await scenarioForm.getByLabel('Category').selectOption('shopping');
  await scenarioForm.getByLabel('Your role').fill('a tourist');
  await scenarioForm.getByLabel('The tutor’s role').fill('a fruit seller');
  await scenarioForm.getByLabel('Setting').fill('A busy fruit stall in Oaxaca on a Saturday morning.');
  await scenarioForm.getByLabel('Goals').fill('Ask for the price of mangoes\nBuy a kilo of mangoes');
  await scenarioForm.getByRole('textbox', { name: /^Key words/ }).fill('el mango = mango');
  await scenarioForm.getByRole('button', { name: 'Save scenario' }).click();
  const scenarioCard = page.locator('.persona-card', { hasText: 'En el mercado de Oaxaca' });
  await expect(scenarioCard).toContainText('by pablo');
  await checkPage(page, () => expect(scenarioCard).toBeVisible());
  await screenshot(page, 'custom-01-created');

  // Played together: the scene's setting and the persona's style are both in the tutor's prompt.
  await scriptFakeLlm(page.request, {
    label: 'oaxaca opening',
    contains: opening,
    system: 'A busy fruit stall in Oaxaca on a Saturday morning.',
    structured: false,
    text: '¡Buenos días! ¿Viste el partido? Tengo mangos muy dulces hoy.',
  });
  await startRolePlay(page, 'En el mercado de Oaxaca', 'Profe Futbolero', '¿Viste el partido de ayer?');
  await expect(page.locator('li.message-tutor').first()).toContainText('Tengo mangos muy dulces hoy.');
  await expect(page.getByRole('list', { name: 'Goals' }).locator('li')).toHaveText([
    /Ask for the price of mangoes/,
    /Buy a kilo of mangoes/,
  ]);
  const first = (await recordedCalls(page)).find((call) => call.rule === 'oaxaca opening');
  expect(JSON.stringify(first?.body)).toContain('Relate every topic to football.');

  // Both edited on the Personas & scenarios page.
  await page.goto('/tutor');
  await page.getByRole('button', { name: 'Edit Profe Futbolero' }).click();
  const personaEditor = page.getByRole('form', { name: 'Edit “Profe Futbolero”' });
  await expect(personaEditor.getByLabel('Name')).toBeFocused();
  await expect(personaEditor.getByLabel('Teaching style')).toHaveValue(
    'Relate every topic to football.\nPraise good effort.',
  );
  await personaEditor.getByLabel('Name').fill('Profe Cocinero');
  await personaEditor.getByLabel('Teaching style').fill('Relate every topic to cooking.');
  await personaEditor.getByLabel('Preview line').fill('¿Qué cocinaste hoy?');
  await personaEditor.getByRole('button', { name: 'Save persona' }).click();
  await expect(page.getByText('Saved “Profe Cocinero”.')).toBeVisible();
  await expect(page.locator('.persona-card', { hasText: 'Profe Cocinero' })).toContainText(
    '¿Qué cocinaste hoy?',
  );
  await expect(page.locator('.persona-card', { hasText: 'Profe Futbolero' })).toHaveCount(0);
  await expect(page.getByRole('form', { name: 'Create a persona' })).toBeVisible();

  await page.getByRole('button', { name: 'Edit En el mercado de Oaxaca' }).click();
  const scenarioEditor = page.getByRole('form', { name: 'Edit “En el mercado de Oaxaca”' });
  await expect(scenarioEditor.getByLabel('Goals')).toHaveValue(
    'Ask for the price of mangoes\nBuy a kilo of mangoes',
  );
  await expect(scenarioEditor.getByLabel('Category')).toHaveValue('shopping');
  await expect(scenarioEditor.getByRole('textbox', { name: /^Key words/ })).toHaveValue('el mango = mango');
  await scenarioEditor.getByLabel('Title').fill('Mercado de Oaxaca');
  await scenarioEditor
    .getByLabel('Goals')
    .fill('Ask for the price of mangoes\nBuy a kilo of mangoes\nSay thank you and goodbye');
  await scenarioEditor.getByRole('button', { name: 'Save scenario' }).click();
  await expect(page.getByText('Saved “Mercado de Oaxaca”.')).toBeVisible();
  await expect(page.locator('.persona-card', { hasText: 'En el mercado de Oaxaca' })).toHaveCount(0);
  await screenshot(page, 'custom-02-edited');

  // The next role-play has the new goal and the new style.
  await scriptFakeLlm(page.request, {
    label: 'oaxaca opening 2',
    contains: opening,
    system: 'Relate every topic to cooking.',
    structured: false,
    text: '¡Hola! Con estos mangos se hace una salsa riquísima.',
  });
  await startRolePlay(page, 'Mercado de Oaxaca', 'Profe Cocinero', '¿Qué cocinaste hoy?');
  await expect(page.locator('li.message-tutor').first()).toContainText('una salsa riquísima');
  await expect(page.getByRole('list', { name: 'Goals' }).locator('li')).toHaveCount(3);
  await expect(page.getByRole('list', { name: 'Goals' }).locator('li').last()).toContainText(
    'Say thank you and goodbye',
  );

  // Deleted: gone from the page and from the New conversation dialog.
  await page.goto('/tutor');
  await page.getByRole('button', { name: 'Delete Profe Cocinero' }).click();
  await expect(page.locator('.persona-card', { hasText: 'Profe Cocinero' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Delete Mercado de Oaxaca' }).click();
  await expect(page.getByText('No member has written a scenario yet.')).toBeVisible();
  await page.goto('/conversations');
  await page.getByRole('button', { name: 'New conversation' }).click();
  const dialog = page.getByRole('dialog', { name: 'New conversation' });
  await dialog.getByRole('radio', { name: /Scenario role-play/ }).check();
  await expect(dialog.getByRole('list', { name: 'Scenarios' }).getByRole('button').first()).toBeVisible();
  await expect(dialog.getByRole('button', { name: /Mercado de Oaxaca/ })).toHaveCount(0);
  await expect(dialog.getByLabel('Tutor persona').locator('option', { hasText: 'Profe' })).toHaveCount(0);
});

/**
 * Mid-conversation, the Tutor dialog switches the persona and the corrections: the next reply comes
 * from the new persona and its corrections wait to be asked for. Then a reply cut mid-stream says what
 * happened, and Retry gets the whole reply.
 */
test('the Tutor dialog changes persona and corrections mid-conversation, and a cut reply is retried', async ({
  page,
}) => {
  const csrf = await learner(page.request);
  const created = await page.request.post('/api/conversations', {
    data: { language: 'es', correctionPolicy: 'all' },
    headers: { 'x-csrf-token': csrf },
  });
  expect(created.status()).toBe(201);
  await page.goto(`/conversations/${(await created.json()).conversation.id}`);
  await waitForOpening(page);

  await page.getByRole('button', { name: 'Tutor', exact: true }).click();
  const tutor = page.getByRole('dialog', { name: 'Tutor for this conversation' });
  await expect(tutor.getByLabel('Corrections')).toHaveValue('all');
  await tutor.getByLabel('Persona').selectOption({ label: 'Expert Scholar' });
  await tutor.getByLabel('Corrections').selectOption({ label: 'Only when I ask' });
  await tutor.getByRole('button', { name: 'Save' }).click();
  await expect(tutor).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Tutor settings saved' })).toBeVisible();

  await scriptFakeLlm(page.request, [
    {
      label: 'scholar reply',
      contains: 'Ayer fui a la biblioteca',
      system: 'Your persona: Expert Scholar.',
      structured: false,
      text: 'Interesante. La palabra «biblioteca» viene del griego. ¿Qué libro leíste?',
    },
    {
      label: 'scholar feedback',
      contains: 'Ayer fui a la biblioteca',
      structured: true,
      json: {
        corrections: [
          {
            original: 'leo un libro',
            corrected: 'leí un libro',
            category: 'verb-tense',
            explanation: 'Yesterday: leí.',
            severity: 'major',
          },
        ],
        rephrasing: null,
        newVocabulary: [],
        goalsMet: [],
      },
    },
  ]);
  const box = page.getByLabel('Your message in Spanish');
  await box.fill('Ayer fui a la biblioteca y leo un libro.');
  await box.press('Enter');
  await expect(page.locator('li.message-tutor').last().locator('.message-text')).toContainText(
    'viene del griego',
  );
  // Corrections on request: held back until the learner asks.
  const feedback = page.locator('li.message-learner').last().getByTestId('feedback');
  await expect(feedback.locator('del')).toHaveCount(0);
  await feedback.getByRole('button', { name: 'Check my message (1)' }).click();
  await expect(feedback.locator('del')).toHaveText('leo un libro');
  await expect(feedback.locator('ins')).toHaveText('leí un libro');
  await screenshot(page, 'custom-03-tutor-dialog');

  // The dialog opens on what was saved.
  await page.getByRole('button', { name: 'Tutor', exact: true }).click();
  await expect(tutor.getByLabel('Persona').locator('option:checked')).toHaveText('Expert Scholar');
  await expect(tutor.getByLabel('Corrections')).toHaveValue('on-request');
  await tutor.getByRole('button', { name: 'Cancel' }).click();

  // A reply cut in the middle: what arrived stays, the reason is said, Retry gets it all.
  const story = 'Había una vez un gato que vivía en una biblioteca enorme y leía libros cada noche.';
  await scriptFakeLlm(page.request, [
    {
      label: 'cut reply',
      contains: 'Cuéntame un cuento',
      structured: false,
      text: story,
      fault: { type: 'cut', afterTokens: 6 },
    },
    { label: 'whole reply', contains: 'Cuéntame un cuento', structured: false, text: story },
  ]);
  await box.fill('Cuéntame un cuento corto, por favor.');
  await box.press('Enter');
  const reply = page.locator('li.message-tutor').last();
  await expect(reply).toHaveAttribute('data-status', /partial|failed/);
  await expect(reply.locator('.message-failure')).toHaveText(
    'The connection to the provider broke in the middle of this reply; what arrived is kept.',
  );
  await expect(reply.locator('.badge')).toHaveText('Incomplete');
  const kept = (await reply.locator('.message-text').innerText()).trim();
  expect(kept.length).toBeGreaterThan(0);
  expect(story.startsWith(kept)).toBe(true);
  expect(kept.length).toBeLessThan(story.length);
  await screenshot(page, 'custom-04-cut-reply');

  await reply.getByRole('button', { name: 'Retry' }).click();
  const retried = page.locator('li.message-tutor').last();
  await expect(retried).toHaveAttribute('data-status', 'complete');
  await expect(retried.locator('.message-text')).toHaveText(story);
  await expect(retried.locator('.message-failure')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Retry' })).toHaveCount(0);
  // Replaced, not added beside the cut one.
  await expect(page.locator('li.message-tutor', { hasText: 'Había una vez' })).toHaveCount(1);
  await page.reload();
  await expect(page.locator('li.message-tutor').last().locator('.message-text')).toHaveText(story);
});

/** Finding a conversation by its title or by what was said in it, renaming it, and deleting it. */
test('a learner searches, renames and deletes conversations', async ({ page }) => {
  const csrf = await learner(page.request);
  const headers = { 'x-csrf-token': csrf };
  const ids: Record<string, string> = {};
  for (const title of ['Viaje a Madrid', 'Receta de paella', 'Mi familia']) {
    const created = await page.request.post('/api/conversations', {
      data: { language: 'es', title },
      headers,
    });
    ids[title] = ((await created.json()) as { conversation: { id: string } }).conversation.id;
  }
  const said = await page.request.post(`/api/conversations/${ids['Mi familia']}/messages`, {
    data: { text: 'Mi abuela hace una tortilla de patatas riquísima.' },
    headers,
  });
  expect(await said.text()).toContain('event: done');

  await page.goto('/conversations');
  const search = page.getByLabel('Search conversations');
  const links = page.locator('.conversation-list .conversation-link');
  await checkPage(page, () => expect(links.filter({ hasText: 'Mi familia' })).toBeVisible());
  await search.fill('paella');
  await expect(links).toHaveText(['Receta de paella']);
  await expect(page.getByRole('status').filter({ hasText: 'matches' })).toHaveText(
    '1 conversation matches “paella”.',
  );
  // Words said in a conversation find it too.
  await search.fill('tortilla');
  await expect(links).toHaveText(['Mi familia']);
  await search.fill('submarino');
  await expect(page.getByText('No conversations match “submarino”.').first()).toBeVisible();
  await expect(links).toHaveCount(0);
  await screenshot(page, 'conversations-01-search');
  await search.fill('');
  await expect(links.filter({ hasText: /Viaje a Madrid|Receta de paella|Mi familia/ })).toHaveCount(3);

  // Renamed from the list…
  await page.getByRole('button', { name: 'Rename “Receta de paella”' }).click();
  const rename = page.getByRole('dialog', { name: 'Rename conversation' });
  await expect(rename.getByLabel('Title')).toHaveValue('Receta de paella');
  await rename.getByLabel('Title').fill('');
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(rename.getByText('Enter a title')).toBeVisible();
  await rename.getByLabel('Title').fill('Paella valenciana');
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Renamed' })).toHaveText(
    'Renamed to “Paella valenciana”.',
  );
  await page.reload();
  await search.fill('valenciana');
  await expect(links).toHaveText(['Paella valenciana']);
  await search.fill('');

  // …and from the conversation itself.
  await page.getByRole('link', { name: 'Viaje a Madrid' }).click();
  await page.getByRole('button', { name: 'Rename', exact: true }).click();
  await rename.getByLabel('Title').fill('Viaje a Sevilla');
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Viaje a Sevilla');

  // Deleted from the conversation (back to the list)…
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  const remove = page.getByRole('dialog', { name: 'Delete this conversation?' });
  await expect(remove).toContainText('Viaje a Sevilla and all its messages will be deleted.');
  await remove.getByRole('button', { name: 'Delete conversation' }).click();
  await expect(page).toHaveURL(/\/conversations$/);
  await expect(links.filter({ hasText: 'Paella valenciana' })).toHaveCount(1);
  await expect(links.filter({ hasText: 'Viaje a Sevilla' })).toHaveCount(0);

  // …and from the list, where focus returns to the search box.
  await page.getByRole('button', { name: 'Delete “Mi familia”' }).click();
  await remove.getByRole('button', { name: 'Delete conversation' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Deleted' })).toHaveText('Deleted “Mi familia”.');
  await expect(links.filter({ hasText: 'Mi familia' })).toHaveCount(0);
  await expect(search).toBeFocused();
  await page.reload();
  await expect(links.filter({ hasText: /Viaje a Sevilla|Mi familia/ })).toHaveCount(0);
  expect((await page.request.get(`/api/conversations/${ids['Mi familia']}`)).status()).toBe(404);
  await search.fill('tortilla');
  await expect(page.getByText('No conversations match “tortilla”.').first()).toBeVisible();
});
