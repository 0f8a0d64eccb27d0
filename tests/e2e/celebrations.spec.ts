import { expect, type Page, test } from '@playwright/test';
import { checkPage } from './page-checks.ts';
import {
  createOnboardedLearner,
  learnerPassword,
  screenshot,
  signInByApi,
  waitForOpening,
} from './support.ts';

/** Right answers for tener in the preterite, yo to ellos: real drill answers, 5 XP each. */
const tener = ['tuve', 'tuviste', 'tuvo', 'tuvimos', 'tuvisteis', 'tuvieron'];

const celebration = (page: Page) => page.locator('aside.celebration');
const liveRegion = (page: Page) => page.locator('#celebrations [role="status"]');

/** Opens a new Spanish conversation and waits for the tutor's opening. */
async function startConversation(page: Page) {
  await page.goto('/conversations');
  await page.getByRole('button', { name: 'New conversation' }).click();
  await page
    .getByRole('dialog', { name: 'New conversation' })
    .getByRole('button', { name: 'Start conversation' })
    .click();
  const box = page.getByLabel('Your message in Spanish');
  await expect(box).toBeFocused();
  await waitForOpening(page);
  return box;
}

/** Sends a turn and waits until the app has asked what there is to celebrate after it. */
async function sendTurn(page: Page, box: ReturnType<Page['getByLabel']>, text: string) {
  const asked = page.waitForResponse(
    (response) => response.url().endsWith('/api/progress/news') && response.request().method() === 'GET',
    { timeout: 20_000 },
  );
  await box.fill(text);
  await box.press('Enter');
  await expect(page.locator('li.message-tutor').last()).toHaveAttribute('data-status', 'complete', {
    timeout: 20_000,
  });
  await asked;
}

/**
 * A learner's first turn earns "First words"; drills and reviews then bring a level. Each is
 * celebrated where it happens, announced politely, shown once (not after a reload), and dismissed.
 */
test('a learner sees an achievement and a level celebrated once, and dismisses them', async ({ page }) => {
  test.setTimeout(90_000);
  await createOnboardedLearner(page.request, 'vale', { target: 'es', level: 'A2' });
  const box = await startConversation(page);

  await sendTurn(page, box, 'Ayer fui al mercado con mi hermana.');
  const card = celebration(page);
  await expect(card).toBeVisible();
  await expect(card.getByRole('heading', { name: 'First words' })).toBeVisible();
  await expect(card).toContainText('You earned a new achievement.');
  await expect(liveRegion(page)).toHaveText('New achievement: First words.');
  // Motion is on for those who have not asked for less of it.
  expect(await card.evaluate((element) => getComputedStyle(element).animationName)).toBe('celebration-in');
  // The composer keeps its focus: the card never takes it.
  await expect(box).toBeFocused();
  await screenshot(page, 'celebrations-01-first-words');
  await checkPage(page, async () => {
    await expect(card).toBeVisible();
  });

  await card.getByRole('button', { name: 'Dismiss' }).click();
  await expect(card).toHaveCount(0);

  // Shown once: after a reload, another turn brings nothing new to celebrate.
  await page.reload();
  await waitForOpening(page);
  await sendTurn(page, page.getByLabel('Your message in Spanish'), 'Compramos fruta y pan.');
  await expect(celebration(page)).toHaveCount(0);

  // 20 XP so far. 15 right drill answers (75 XP, ten in a row among them) bring 95.
  const csrf = await signInByApi(page.request, 'vale', learnerPassword);
  for (let index = 0; index < 15; index += 1) {
    const checked = await page.request.post('/api/grammar/conjugation/es/check', {
      data: { verb: 'tener', tense: 'preterite', person: index % 6, answer: tener[index % 6] },
      headers: { 'x-csrf-token': csrf },
    });
    expect((await checked.json()).correct).toBe(true);
  }
  const deck = await page.request.post('/api/vocabulary/decks', {
    data: { language: 'es', name: 'Mercado' },
    headers: { 'x-csrf-token': csrf },
  });
  const deckId = (await deck.json()).deck.id;
  for (const [term, translation] of [
    ['el mercado', 'the market'],
    ['la fruta', 'the fruit'],
  ]) {
    const created = await page.request.post('/api/vocabulary/cards', {
      data: { deckId, term, translation },
      headers: { 'x-csrf-token': csrf },
    });
    expect(created.status()).toBe(201);
  }

  // The first review (3 XP): the first card, and the run of ten answers not shown yet.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Vocabulary' }).click();
  const review = page.locator('.review-card');
  await expect(review).toBeVisible();
  await page.keyboard.press('Space');
  await page.keyboard.press('3');
  await expect(card).toBeVisible();
  await expect(card.getByRole('heading', { name: 'Well done!' })).toBeVisible();
  await expect(card.getByRole('listitem')).toHaveCount(2);
  await expect(card).toContainText('First card');
  await expect(card).toContainText('Ten in a row');
  await card.getByRole('button', { name: 'Dismiss' }).click();
  await expect(card).toHaveCount(0);

  // The second review crosses 100 XP: level 2.
  await page.keyboard.press('Space');
  await page.keyboard.press('3');
  await expect(card.getByRole('heading', { name: 'Level 2!' })).toBeVisible();
  await expect(liveRegion(page)).toHaveText('You reached level 2.');
  await screenshot(page, 'celebrations-02-level');
  await checkPage(page, async () => {
    await expect(card).toBeVisible();
  });
  // Escape from inside the card dismisses it too.
  await card.getByRole('button', { name: 'Dismiss' }).focus();
  await page.keyboard.press('Escape');
  await expect(card).toHaveCount(0);

  // Home shows the level and the earned achievements; the rest wait behind a disclosure.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  await expect(page.getByRole('region', { name: 'Experience' })).toContainText('Level 2');
  const achievements = page.getByRole('region', { name: 'Achievements' });
  await expect(achievements).toContainText('3 of 17 earned.');
  await expect(achievements.getByRole('heading', { name: 'Next up' })).toBeVisible();
  await expect(achievements.locator('details > summary')).toHaveText('12 more to earn');
  await checkPage(page, async () => {
    await expect(achievements).toBeVisible();
  });
  // A reload of Home never replays what was celebrated.
  await page.reload();
  await expect(page.getByRole('region', { name: 'Experience' })).toBeVisible();
  const news = await (await page.request.get('/api/progress/news')).json();
  expect(news).toEqual({ items: [] });

  // The usage page leads with one plain sentence.
  await page.goto('/usage');
  await expect(page.locator('.usage-headline')).toContainText(/^You used (\$\d+\.\d{2}|less than a cent)/);
  await checkPage(page, async () => {
    await expect(page.locator('.usage-headline')).toBeVisible();
  });
});

test('with reduced motion the celebration appears without animation', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await createOnboardedLearner(page.request, 'sosiego', { target: 'es', level: 'A2' });
  const box = await startConversation(page);
  await sendTurn(page, box, 'Hoy quiero hablar de mi ciudad.');
  const card = celebration(page);
  await expect(card.getByRole('heading', { name: 'First words' })).toBeVisible();
  expect(await card.evaluate((element) => getComputedStyle(element).animationName)).toBe('none');
  await expect(card.locator('.celebration-sparks')).toBeHidden();
  await expect(liveRegion(page)).toHaveText('New achievement: First words.');
  await card.getByRole('button', { name: 'Dismiss' }).click();
  await expect(card).toHaveCount(0);
});
