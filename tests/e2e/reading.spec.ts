import { expect, test } from '@playwright/test';
import { createOnboardedLearner, screenshot, scriptFakeLlm, waitForOpening } from './support.ts';

const text =
  'El sábado fui al mercado con mi hermana. Compramos pan y fruta.\n\nDespués tomamos un café en la plaza y hablamos mucho.';

/**
 * A learner pastes a Spanish text, sees its known-word share, taps a word and adds it to a deck with
 * its sentence, reads the simplified version, answers the questions and starts a conversation about it.
 */
test('a learner reads a Spanish text, learns a word from it, checks understanding and talks about it', async ({
  page,
}) => {
  await createOnboardedLearner(page.request, 'lectora', { target: 'es', level: 'A2' });
  const csrf = (await (await page.request.get('/api/me')).json()).csrfToken as string;
  // Words the learner already knows: marked known in an earlier reading.
  for (const word of ['el', 'con', 'mi', 'y', 'un', 'en', 'la', 'pan'])
    await page.request.put('/api/reading/known-words', {
      data: { language: 'es', word, known: true },
      headers: { 'x-csrf-token': csrf },
    });

  await page.goto('/reading');
  await page.getByLabel('Title').fill('Un sábado');
  await page.getByLabel('Text', { exact: true }).fill(text);
  await page.getByRole('button', { name: 'Add and read' }).click();
  await expect(page.getByRole('heading', { name: 'Un sábado' })).toBeVisible();
  // 9 of 22 running words are known.
  await expect(page.getByTestId('known-share')).toContainText('40.9%');
  await expect(page.getByTestId('known-share')).toContainText('Hard: many new words');
  await screenshot(page, 'reading-01-text');

  // Tap a word: its meaning in context from the text's glossary (one call), then add it to a deck.
  await scriptFakeLlm(page.request, [
    {
      system: 'reading glossary',
      structured: true,
      json: {
        entries: [
          { word: 'mercado', lemma: 'mercado', meaning: 'market', example: 'El mercado abre a las ocho.' },
          { word: 'fui', lemma: 'ir', meaning: 'I went', example: 'Ayer fui a casa.' },
        ],
      },
    },
  ]);
  await page.getByRole('button', { name: 'mercado', exact: true }).click();
  const panel = page.locator('aside.reading-word');
  await expect(panel).toContainText('New');
  await panel.getByRole('button', { name: 'Explain the words of this text' }).click();
  await expect(panel).toContainText('market');
  await panel.getByRole('button', { name: 'Add to deck' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add to Reading' });
  await expect(dialog.getByLabel('Front')).toHaveValue('mercado');
  await expect(dialog.getByLabel('Translation')).toHaveValue('market');
  await expect(dialog.getByLabel(/Example/)).toHaveValue('El sábado fui al mercado con mi hermana.');
  await screenshot(page, 'reading-02-add-word');
  await dialog.getByRole('button', { name: 'Add card' }).click();
  await expect(page.getByText('Added to your deck.')).toBeVisible();
  // The word is now one the learner is learning: the next open marks it from the new card.
  await expect(page.getByRole('button', { name: 'mercado', exact: true })).toHaveClass(/reading-learning/);
  await expect(page.locator('aside.reading-word')).toContainText('Learning');
  const cards = await (await page.request.get('/api/vocabulary/cards?language=es')).json();
  expect(
    cards.cards.map((card: { term: string; exampleSentence: string }) => [card.term, card.exampleSentence]),
  ).toEqual([['mercado', 'El sábado fui al mercado con mi hermana.']]);

  // Mark a word known with one key.
  await page.getByRole('button', { name: 'hermana', exact: true }).click();
  await page.keyboard.press('k');
  await expect(page.getByTestId('known-share')).toContainText('45.5%');

  // At my level: the rewrite beside the original, with both new-word shares.
  await scriptFakeLlm(page.request, [
    {
      system: 'You rewrite',
      structured: true,
      json: { text: 'El sábado fui al mercado con mi hermana.\n\nCompramos pan.' },
    },
  ]);
  await page.getByRole('button', { name: 'Rewrite it at my level' }).click();
  await expect(page.getByTestId('rewritten-text')).toContainText('Compramos pan.');
  await expect(page.locator('.reading-rewrite')).toContainText('Level A2');
  await screenshot(page, 'reading-03-rewrite');

  // Check understanding: a multiple-choice question checked exactly, an open one judged.
  await scriptFakeLlm(page.request, [
    {
      system: 'comprehension questions',
      structured: true,
      json: {
        questions: [
          {
            kind: 'choice',
            question: '¿Con quién fue al mercado?',
            options: ['Con su hermana', 'Con su madre', 'Sola'],
            answerIndex: 0,
            modelAnswer: 'Con su hermana',
          },
          {
            kind: 'open',
            question: '¿Qué compraron?',
            options: [],
            answerIndex: null,
            modelAnswer: 'Pan y fruta.',
          },
        ],
      },
    },
    {
      system: 'reading comprehension question',
      structured: true,
      json: {
        correct: true,
        comment: 'Yes: bread and fruit.',
        corrections: [
          {
            original: 'compraste',
            corrected: 'compraron',
            category: 'agreement',
            explanation: 'They bought: compraron.',
            severity: 'moderate',
          },
        ],
      },
    },
  ]);
  await page.getByRole('button', { name: 'Ask me questions' }).click();
  const questions = page.locator('.reading-questions');
  await questions.getByLabel('Con su hermana').check();
  await questions.getByRole('button', { name: 'Check' }).first().click();
  await expect(questions.locator('.reading-result').first()).toContainText('Right.');
  await questions.getByLabel('Your answer').fill('Ella compraste pan y fruta.');
  await questions.getByRole('button', { name: 'Check' }).last().click();
  await expect(questions.locator('.reading-result').last()).toContainText('Yes: bread and fruit.');
  await expect(questions.locator('.correction')).toContainText('compraste → compraron');
  await screenshot(page, 'reading-04-questions');

  // Talk about it: a conversation whose tutor has the text.
  await page.getByRole('button', { name: 'Talk about it' }).click();
  await expect(page).toHaveURL(/\/conversations\/[0-9a-f-]+$/);
  await waitForOpening(page);
  await expect(page.getByRole('heading', { name: 'About “Un sábado”' })).toBeVisible();
  await screenshot(page, 'reading-05-conversation');
});
