import { expect, test } from '@playwright/test';
import { createOnboardedLearner, screenshot, scriptFakeLlm, waitForOpening } from './support.ts';

/**
 * A learner builds a deck, adds a word from a correction in a conversation (the button under their
 * message), reviews both with the keyboard (including undo), and does a conjugation drill.
 */
test('a learner adds words, reviews them and does a conjugation drill', async ({ page }) => {
  await createOnboardedLearner(page.request, 'vera', { target: 'es', level: 'A2' });
  const csrf = (await (await page.request.get('/api/me')).json()).csrfToken as string;

  // A deck and a word added by hand.
  await page.goto('/vocabulary/decks');
  await page.getByLabel('Name').fill('Mis palabras');
  await page.getByRole('button', { name: 'Create deck' }).click();
  await page.getByRole('link', { name: 'Mis palabras', exact: true }).click();
  await page.getByLabel(/Word or phrase/).fill('la manzana');
  await page.getByLabel('Translation').fill('the apple');
  await page.getByLabel('Example sentence').fill('Me gusta la manzana roja.');
  await page.getByRole('button', { name: 'Add word' }).click();
  await expect(page.locator('.word-list')).toContainText('la manzana');
  await screenshot(page, 'vocabulary-01-deck');

  // A correction in a conversation, added to the deck with one click under the learner's message.
  await scriptFakeLlm(page.request, [
    { contains: 'he ir al mercado', structured: false, text: '¡Qué bien! ¿Qué compraste en el mercado?' },
    {
      contains: 'he ir al mercado',
      structured: true,
      json: {
        corrections: [
          {
            original: 'he ir',
            corrected: 'he ido',
            category: 'verb-tense',
            explanation: 'The perfect tense takes the participle: he ido.',
            severity: 'major',
            cardFront: 'he ido',
            translation: 'I have gone',
          },
          {
            original: 'al mercados',
            corrected: 'al mercado',
            category: 'agreement',
            explanation: 'One market.',
            severity: 'minor',
            cardFront: 'al mercado',
            translation: 'to the market',
          },
        ],
        rephrasing: null,
        newVocabulary: [],
        goalsMet: [],
      },
    },
  ]);
  const created = await page.request.post('/api/conversations', {
    data: { language: 'es', correctionPolicy: 'all' },
    headers: { 'x-csrf-token': csrf },
  });
  expect(created.status()).toBe(201);
  await page.goto(`/conversations/${(await created.json()).conversation.id}`);
  const box = page.getByLabel('Your message in Spanish');
  await waitForOpening(page);
  await box.fill('Esta mañana he ir al mercados.');
  await box.press('Enter');
  await expect(page.locator('li.message-tutor').last().locator('.message-text')).toContainText(
    'Qué compraste',
  );
  const feedback = page.locator('li.message-learner').first().getByTestId('feedback');
  await feedback.getByRole('button', { name: /he ir/ }).click();
  await feedback.getByRole('button', { name: 'Add to deck' }).click();
  // The card comes pre-filled: a front that stands alone, its translation, the sentence with every
  // correction applied (not only this one); all editable before saving.
  const dialog = page.getByRole('dialog', { name: 'Add to your deck' });
  await expect(dialog.getByLabel('Front')).toHaveValue('he ido');
  await expect(dialog.getByLabel('Translation')).toHaveValue('I have gone');
  await expect(dialog.getByLabel(/Example/)).toHaveValue('Esta mañana he ido al mercado.');
  await screenshot(page, 'vocabulary-01b-card-from-correction');
  await dialog.getByRole('button', { name: 'Add card' }).click();
  await expect(feedback.getByRole('button', { name: 'In your deck' })).toBeVisible();
  // Still added after a reload.
  await page.reload();
  await page.locator('li.message-learner').first().getByRole('button', { name: /he ir/ }).click();
  await expect(
    page.locator('li.message-learner').first().getByRole('button', { name: 'In your deck' }),
  ).toBeVisible();
  // The card keeps the learner's sentence, corrected, and where it came from.
  const fromCorrection = await (await page.request.get('/api/vocabulary/cards?q=he%20ido')).json();
  expect(fromCorrection.cards).toHaveLength(1);
  expect(fromCorrection.cards[0]).toMatchObject({
    term: 'he ido',
    translation: 'I have gone',
    exampleSentence: 'Esta mañana he ido al mercado.',
  });

  // Review: flip with space, rate with the number keys, take a rating back with u.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Vocabulary' }).click();
  const card = page.locator('.review-card');
  await expect(card).toContainText('la manzana');
  await screenshot(page, 'vocabulary-02-review-front');
  await page.keyboard.press('Space');
  await expect(card).toContainText('the apple');
  await expect(card).toContainText('Me gusta la manzana roja.');
  await screenshot(page, 'vocabulary-03-review-back');
  await page.keyboard.press('3');
  await expect(card).toContainText('he ido');
  await page.keyboard.press('u');
  await expect(page.getByRole('status').filter({ hasText: 'Took back' })).toHaveText(/la manzana/);
  await expect(card).toContainText('la manzana');
  await page.keyboard.press('Space');
  await page.keyboard.press('4');

  // The card from the correction can be answered in every mode: typed from its translation…
  await page.getByLabel('Type the word').check();
  await expect(card.locator('.review-prompt')).toHaveText('I have gone');
  await expect(card.getByLabel('Your answer')).toBeVisible();
  // …or as a cloze: type the missing words, accents forgiven.
  await page.getByLabel('Fill the sentence').check();
  await expect(card).toContainText('Esta mañana');
  await card.getByLabel('Your answer').fill('he ido');
  await page.keyboard.press('Enter');
  await expect(card).toContainText('Correct.');
  await screenshot(page, 'vocabulary-04-cloze');
  await page.keyboard.press('3');
  await expect(page.getByRole('heading', { name: /nothing else is due/i })).toBeVisible();

  const logs = await (await page.request.get('/api/vocabulary/stats')).json();
  expect(logs).toMatchObject({ reviewsToday: 2, byState: { new: 0 } });

  // A conjugation drill: ser, present, yo.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Grammar' }).click();
  await expect(page.getByRole('heading', { name: 'Ser and estar' })).toBeVisible();
  await page.getByRole('link', { name: 'Conjugation', exact: true }).click();
  for (const person of ['tú', 'él / ella / usted', 'nosotros', 'vosotros', 'ellos / ellas / ustedes']) {
    await page.getByLabel(person, { exact: true }).uncheck();
  }
  await page.getByLabel('Verbs').selectOption('ser');
  await page.getByRole('button', { name: 'Start drill' }).click();
  await expect(page.locator('.drill-card')).toContainText('ser');
  await page.getByLabel('yo …').fill('soy');
  await page.getByRole('button', { name: 'Check' }).click();
  await expect(page.locator('.drill-feedback')).toContainText('Right');
  await screenshot(page, 'vocabulary-05-conjugation');
  const grammar = await (await page.request.get('/api/grammar/stats')).json();
  expect(grammar.total).toEqual({ answered: 1, correct: 1 });

  // Home is the progress dashboard: today's turn, reviews and drill make a one-day streak.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  await expect(page.getByRole('region', { name: 'Streak' })).toContainText('1 day in a row');
  await expect(page.getByRole('region', { name: 'Words' })).toContainText('2 learned');
  // XP from the same events: the turn 10, two reviews 3 each (the undone rating earned nothing), the
  // drill 5.
  await expect(page.getByRole('region', { name: 'Experience' })).toContainText('Level 1 21 XP');
  await screenshot(page, 'vocabulary-06-home-dashboard');
});
