import { expect, test } from '@playwright/test';
import {
  createOnboardedLearner,
  fakeLlmControl,
  owner,
  screenshot,
  scriptFakeLlm,
  signInByApi,
} from './support.ts';

const firstTurn = 'Buenas noches, una mesa para dos, por favor. Quiero la pescado y un vino tinto.';
const secondTurn = 'La cuenta, por favor. ¿Puedo pagar con tarjeta?';

/**
 * A learner (a child account) picks a persona and a restaurant role-play, the waiter opens the scene in
 * character, the learner talks with scripted replies, sees a correction inline under their message,
 * meets every goal on the checklist and finishes with the summary. Then the owner reads the same
 * conversation as a read-only transcript, corrections and goals included.
 */
test('a learner plays a scenario with a persona, sees corrections inline, meets the goals and gets a summary', async ({
  page,
}) => {
  await createOnboardedLearner(page.request, 'tere', { target: 'es', level: 'A2', isChild: true });
  // Replies are `structured: false`, analyses `structured: true`: the two calls of a turn never take
  // each other's rule.
  await scriptFakeLlm(page.request, [
    // The conversation's title, asked of the summary chain once the tutor has answered: it goes
    // first so that no reply rule (matched by the text it quotes) answers it.
    { label: 'title', system: 'Name this Spanish', structured: false, text: 'Cena en Casa Lola' },
    {
      label: 'opening',
      contains: 'has just opened this conversation',
      structured: false,
      text: '¡Buenas noches! Bienvenidos a Casa Lola. ¿Cuántas personas son?',
      tokenDelayMs: 40,
    },
    {
      label: 'reply 1',
      contains: 'mesa para dos',
      structured: false,
      text: 'Perfecto, aquí tienen su mesa junto a la ventana. El pescado es excelente hoy.',
    },
    {
      label: 'feedback 1',
      contains: 'mesa para dos',
      structured: true,
      json: {
        corrections: [
          {
            original: 'la pescado',
            corrected: 'el pescado',
            category: 'gender',
            explanation: '"Pescado" is masculine: el pescado.',
            severity: 'moderate',
          },
        ],
        rephrasing:
          'Buenas noches, una mesa para dos, por favor. Quiero el pescado y una copa de vino tinto.',
        newVocabulary: [{ term: 'la copa de vino', translation: 'glass of wine', note: null }],
        goalsMet: ['ask-table', 'order-food', 'order-drink'],
      },
    },
    {
      label: 'reply 2',
      contains: 'La cuenta',
      structured: false,
      text: 'Claro, aquí tiene la cuenta. Sí, puede pagar con tarjeta.',
    },
    {
      label: 'feedback 2',
      contains: 'La cuenta',
      structured: true,
      json: { corrections: [], rephrasing: null, newVocabulary: [], goalsMet: ['ask-bill'] },
    },
    {
      label: 'summary',
      system: 'closing advice',
      structured: true,
      json: { suggestion: 'You ordered a whole dinner in Spanish! Next, practise the gender of nouns.' },
    },
  ]);

  await page.goto('/conversations');
  await page.getByRole('button', { name: 'New conversation' }).click();
  const dialog = page.getByRole('dialog', { name: 'New conversation' });
  await dialog.getByRole('radio', { name: /Scenario role-play/ }).check();
  await dialog.getByLabel('Category').selectOption('restaurant');
  await dialog.getByRole('button', { name: /Dinner at a restaurant/ }).click();
  await expect(dialog.getByRole('region', { name: /About “Dinner at a restaurant”/ })).toContainText(
    'Ask for the bill and pay',
  );
  await dialog.getByLabel('Tutor persona').selectOption('creative-mentor');
  await expect(dialog.getByTestId('persona-preview')).toContainText('Imagine you wake up');
  await screenshot(page, 'tutor-01-new-scenario');
  await dialog.getByRole('button', { name: 'Start conversation' }).click();

  // The waiter speaks first, in character, streamed like any reply.
  await expect(
    page.getByRole('heading', { name: 'Dinner at a restaurant (Spanish)', level: 1 }),
  ).toBeVisible();
  const opening = page.locator('li.message-tutor').first();
  await expect(opening.locator('.message-text')).toHaveText(/Bienvenidos a Casa Lola/);
  await expect(opening).toHaveAttribute('data-status', 'complete');
  const goals = page.getByRole('list', { name: 'Goals' });
  await expect(goals.locator('li[data-met]')).toHaveCount(0);
  await screenshot(page, 'tutor-02-opening');

  const box = page.getByLabel('Your message in Spanish');
  await box.fill(firstTurn);
  await box.press('Enter');
  await expect(page.locator('li.message-tutor').last().locator('.message-text')).toContainText(
    'junto a la ventana',
  );

  // The correction appears inline under the learner's message; the explanation opens on click.
  const learnerMessage = page.locator('li.message-learner').first();
  const feedback = learnerMessage.getByTestId('feedback');
  await expect(feedback.locator('del')).toHaveText('la pescado');
  await expect(feedback.locator('ins')).toHaveText('el pescado');
  await feedback.getByRole('button', { name: /la pescado/ }).click();
  await expect(feedback).toContainText('"Pescado" is masculine');
  await expect(feedback).toContainText('una copa de vino tinto');
  await expect(feedback.getByRole('button', { name: /la copa de vino/ })).toBeVisible();
  await expect(goals.locator('li[data-met]')).toHaveCount(3);
  await screenshot(page, 'tutor-03-corrections');

  await box.fill(secondTurn);
  await box.press('Enter');
  await expect(page.locator('li.message-tutor').last().locator('.message-text')).toContainText(
    'pagar con tarjeta',
  );
  await expect(goals.locator('li[data-met]')).toHaveCount(4);
  await expect(page.getByText('All goals met. Well done!')).toBeVisible();

  await page.getByRole('button', { name: 'Finish and see the summary' }).click();
  const summary = page.getByTestId('conversation-summary');
  await expect(summary).toContainText('Goals met: 4 of 4');
  await expect(summary).toContainText('la copa de vino');
  await expect(summary.locator('del')).toHaveText('la pescado');
  await expect(summary).toContainText('practise the gender of nouns');
  await screenshot(page, 'tutor-04-summary');

  // The persona was the system prompt of the replies, and of no analysis call.
  const records = (await (await page.request.get(`${fakeLlmControl}/requests`)).json()).requests as Array<{
    rule: string | null;
    structured: boolean;
    body: unknown;
  }>;
  const ours = records.filter(
    (record) => record.rule && ['opening', 'reply 1', 'feedback 1', 'summary'].includes(record.rule),
  );
  expect(
    ours
      .filter((record) => !record.structured)
      .every((record) => JSON.stringify(record.body).includes('Creative Mentor')),
  ).toBe(true);
  expect(
    ours
      .filter((record) => record.structured)
      .some((record) => JSON.stringify(record.body).includes('Creative Mentor')),
  ).toBe(false);

  // After a reload the stored feedback and the summary are still there.
  await page.reload();
  await expect(page.locator('li.message-learner').first().getByTestId('feedback').locator('ins')).toHaveText(
    'el pescado',
  );
  await expect(page.getByTestId('conversation-summary')).toContainText('Goals met: 4 of 4');

  // The owner reads the child's conversation from the Members page: the same turns, the correction
  // under the child's message and the goals, and nothing to write with.
  await signInByApi(page.request, owner.username, owner.password);
  await page.goto('/admin/members');
  await page.getByRole('link', { name: 'Transcripts (tere)' }).click();
  await page.getByRole('link', { name: 'Cena en Casa Lola' }).click();
  await expect(page.getByText('Read-only: tere’s conversation')).toBeVisible();
  const transcript = page.getByRole('list', { name: 'Messages' });
  await expect(transcript.locator('li.message-learner').first().locator('.message-text')).toHaveText(
    firstTurn,
  );
  await expect(transcript.locator('li.message-tutor').nth(1).locator('.message-text')).toContainText(
    'junto a la ventana',
  );
  const readOnlyFeedback = transcript.locator('li.message-learner').first().getByTestId('feedback');
  await expect(readOnlyFeedback.locator('del')).toHaveText('la pescado');
  await expect(readOnlyFeedback.locator('ins')).toHaveText('el pescado');
  await expect(page.getByRole('list', { name: 'Goals' }).locator('li[data-met]')).toHaveCount(4);
  await screenshot(page, 'tutor-05-owner-reads-transcript');
  await readOnlyFeedback.getByRole('button', { name: /la pescado/ }).click();
  await expect(readOnlyFeedback).toContainText('"Pescado" is masculine');
  await expect(page.getByRole('button', { name: /Add to deck|la copa de vino|Finish/ })).toHaveCount(0);
  await expect(page.getByRole('textbox')).toHaveCount(0);
});
