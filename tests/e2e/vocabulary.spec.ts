import { expect, test } from '@playwright/test';
import { createOnboardedLearner, screenshot } from './support.ts';

/**
 * A learner builds a deck, gets a word from a conversation correction, reviews both with the
 * keyboard (including undo), and does a conjugation drill.
 *
 * The "add to deck" button under a correction belongs to the Tutor feature's message extras, which
 * do not exist yet: this journey makes the same call that button will make
 * (POST /api/vocabulary/cards/from-conversation) and then works in the UI.
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

  // The correction from a conversation, as the conversation screen's button will add it.
  const added = await page.request.post('/api/vocabulary/cards/from-conversation', {
    data: {
      language: 'es',
      term: 'he ido',
      translation: 'I have gone',
      exampleSentence: 'Esta mañana he ido al mercado.',
      kind: 'correction',
    },
    headers: { 'x-csrf-token': csrf },
  });
  expect(added.status()).toBe(201);

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

  // The second card as a cloze: type the missing words, accents forgiven.
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
});
