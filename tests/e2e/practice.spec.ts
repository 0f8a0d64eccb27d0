import { expect, test } from '@playwright/test';
import { loadGermanNouns } from '../../server/grammar/german-articles.ts';
import { checkPage } from './page-checks.ts';
import { screenshot, scriptFakeLlm, useLearner } from './support.ts';

// Each journey walks through several pages and conversations: more than the default 30 s on a
// loaded two-core machine.
test.describe.configure({ timeout: 60_000 });

/** Every journey of this file is Greta's (a German learner at A1). */
const learner = (request: Parameters<typeof useLearner>[0]) =>
  useLearner(request, 'greta', { target: 'de', level: 'A1' });

const articleKey = { der: '1', die: '2', das: '3' } as const;
const wrongFor = { der: 'die', die: 'das', das: 'der' } as const;

/**
 * The der/die/das drill, answered with the keyboard: the right article for nine nouns and a wrong one
 * for the fourth (the drill says which is right), then the score, and the answers counted as practice.
 */
test('a learner does the German article drill with the keyboard', async ({ page }) => {
  await learner(page.request);
  const genders = new Map(
    (await loadGermanNouns()).map((noun) => [
      noun.noun,
      ({ M: 'der', F: 'die', N: 'das' } as const)[noun.gender],
    ]),
  );

  const before = (await (await page.request.get('/api/grammar/stats')).json()).total;
  await page.goto('/grammar');
  await checkPage(page, () => expect(page.getByRole('heading', { name: 'A1', level: 2 })).toBeVisible());
  await page
    .getByRole('navigation', { name: 'Grammar' })
    .getByRole('link', { name: 'der, die, das' })
    .click();
  await expect(page).toHaveURL(/\/grammar\/articles\?language=de$/);
  await page.getByRole('button', { name: 'Start article drill' }).click();

  const card = page.locator('.drill-card');
  const feedback = card.locator('.drill-feedback');
  for (let index = 0; index < 10; index += 1) {
    await expect(card.getByText(`Word ${index + 1} of 10`)).toBeVisible();
    const noun = (await card.locator('.drill-verb strong').innerText()).trim();
    const article = genders.get(noun);
    expect(article, `"${noun}" is a drill noun`).toBeDefined();
    const given = index === 3 ? wrongFor[article!] : article!;
    await page.keyboard.press(articleKey[given]);
    await expect(feedback).toHaveText(
      new RegExp(
        `^${index === 3 ? 'It is' : 'Right:'} ${article} ${noun} \\((masculine|feminine|neuter)\\)$`,
      ),
    );
    if (index === 3) {
      await checkPage(page, () => expect(feedback).toBeVisible());
      await screenshot(page, 'practice-01-article-wrong');
    }
    // Focus moved to "Next", so Enter goes on.
    await expect(card.getByRole('button', { name: index < 9 ? 'Next' : 'See score' })).toBeFocused();
    await page.keyboard.press('Enter');
  }
  await expect(card.getByRole('status')).toHaveText('You got 9 of 10 right.');
  await expect(card.getByRole('button', { name: 'Practise again' })).toBeVisible();
  const stats = (await (await page.request.get('/api/grammar/stats')).json()).total;
  expect(stats).toEqual({ answered: before.answered + 10, correct: before.correct + 9 });
});

/**
 * AI-written exercises of each kind: an unsound one the model wrote is never shown, a right answer, an
 * accent slip (said out loud, not a silent "Right") and a wrong answer, each with its explanation.
 */
test('a learner answers generated grammar exercises', async ({ page }) => {
  await learner(page.request);
  await scriptFakeLlm(page.request, {
    label: 'exercises',
    system: 'You write German grammar exercises',
    structured: true,
    json: {
      exercises: [
        {
          kind: 'fill-gap',
          instruction: 'Ergänze das Verb im Präsens.',
          prompt: 'Ich ___ aus Berlin.',
          answer: 'komme',
          acceptableAnswers: [],
          errorSpan: null,
          explanation: 'kommen, ich komme.',
          errorCategory: null,
        },
        {
          // No gap: the server drops it.
          kind: 'fill-gap',
          instruction: 'Ergänze den Artikel.',
          prompt: 'Das ist Tisch.',
          answer: 'der',
          acceptableAnswers: [],
          errorSpan: null,
          explanation: 'der Tisch',
          errorCategory: null,
        },
        {
          kind: 'transform',
          instruction: 'Setze in den Plural.',
          prompt: 'der Apfel',
          answer: 'die Äpfel',
          acceptableAnswers: [],
          errorSpan: null,
          explanation: 'Apfel takes an umlaut in the plural: die Äpfel.',
          errorCategory: null,
        },
        {
          kind: 'spot-error',
          instruction: 'Finde und korrigiere den Fehler.',
          prompt: 'Gestern ich bin nach Hause gegangen.',
          answer: 'bin ich',
          acceptableAnswers: ['Gestern bin ich nach Hause gegangen.'],
          errorSpan: 'ich bin',
          explanation: 'The verb comes second: Gestern bin ich …',
          errorCategory: 'word-order',
        },
      ],
    },
  });

  const statsBefore = (await (await page.request.get('/api/grammar/stats')).json()).total;
  await page.goto('/grammar/exercises?language=de');
  await page.getByLabel('Kind').selectOption('');
  await page.getByRole('button', { name: 'Create exercises' }).click();
  const exercises = page.locator('.exercise-list > li');
  await expect(exercises).toHaveCount(3);
  await expect(exercises.locator('.exercise-prompt')).toHaveText([
    'Ich ___ aus Berlin.',
    'der Apfel',
    'Gestern ich bin nach Hause gegangen.',
  ]);
  await expect(exercises.locator('p.muted')).toHaveText(['Fill the gap', 'Transform', 'Spot the error']);
  await checkPage(page, () => expect(exercises).toHaveCount(3));

  await exercises.nth(0).getByLabel('The missing word(s)').fill('komme');
  await exercises.nth(0).getByRole('button', { name: 'Check' }).click();
  await expect(exercises.nth(0).getByRole('status')).toHaveText('Right: komme — kommen, ich komme.');

  await exercises.nth(1).getByLabel('The new sentence').fill('die Apfel');
  await exercises.nth(1).getByRole('button', { name: 'Check' }).click();
  await expect(exercises.nth(1).getByRole('status')).toHaveText(
    'Right, but mind the accents: die Äpfel — Apfel takes an umlaut in the plural: die Äpfel.',
  );

  await exercises.nth(2).getByLabel('The correction').fill('ich habe');
  await exercises.nth(2).getByRole('button', { name: 'Check' }).click();
  await expect(exercises.nth(2).getByRole('status')).toHaveText(
    'The answer is bin ich — The verb comes second: Gestern bin ich …',
  );
  await expect(exercises.nth(2).getByLabel('The correction')).toBeDisabled();
  await screenshot(page, 'practice-02-exercises');

  // The answers count as practice: three answered, the accent slip among the two right.
  const stats = (await (await page.request.get('/api/grammar/stats')).json()).total;
  expect(stats).toEqual({ answered: statsBefore.answered + 3, correct: statsBefore.correct + 2 });
});
