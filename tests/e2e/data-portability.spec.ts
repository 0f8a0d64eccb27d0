import { expect, test } from '@playwright/test';
import { createOnboardedLearner, learnerPassword, owner, screenshot, signInByApi } from './support.ts';

/**
 * A learner's data is theirs: Lena exports everything, deletes her account, the admin creates a new
 * account for her, and she imports the file and finds her conversations and cards again.
 */
test('a learner exports, deletes the account, gets a new one and imports everything back', async ({
  page,
}, testInfo) => {
  await createOnboardedLearner(page.request, 'lena', { target: 'es', level: 'B1' });
  const csrf = (await (await page.request.get('/api/me')).json()).csrfToken as string;
  const headers = { 'x-csrf-token': csrf };
  const conversation = await page.request.post('/api/conversations', {
    data: { language: 'es', title: 'Mi viaje a Sevilla' },
    headers,
  });
  expect(conversation.status()).toBe(201);
  const deck = await page.request.post('/api/vocabulary/decks', {
    data: { language: 'es', name: 'Viajes' },
    headers,
  });
  const deckId = (await deck.json()).deck.id as string;
  for (const [term, translation] of [
    ['la maleta', 'the suitcase'],
    ['el billete', 'the ticket'],
  ]) {
    const card = await page.request.post('/api/vocabulary/cards', {
      data: { deckId, term, translation },
      headers,
    });
    expect(card.status()).toBe(201);
  }

  // Export from the settings page.
  await page.goto('/settings');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export my data' }).click(),
  ]);
  const file = testInfo.outputPath('charla-lena.json');
  await download.saveAs(file);
  await expect(page.getByText(/Downloaded charla-lena-/)).toBeVisible();
  await screenshot(page, 'portability-01-exported');

  // Delete the account, confirmed with the password.
  await page.getByLabel('Confirm with your password').fill(learnerPassword);
  await page.getByRole('button', { name: 'Delete my account' }).click();
  await expect(page.getByText('Your account and all its data were deleted.')).toBeVisible();

  // The admin creates a new account with the same name.
  await signInByApi(page.request, owner.username, owner.password);
  await page.goto('/admin/members');
  await page.getByLabel('Username').fill('lena');
  await page.getByLabel('Temporary password').fill(learnerPassword);
  await page.getByRole('button', { name: 'Create member' }).click();
  await expect(page.locator('table').getByText('lena', { exact: true })).toBeVisible();
  await screenshot(page, 'portability-02-new-account');

  // Lena signs in to the empty account, finishes onboarding and imports her file.
  const newCsrf = await signInByApi(page.request, 'lena', learnerPassword);
  const onboarded = await page.request.patch('/api/me/profile', {
    data: {
      nativeLanguage: 'en',
      targetLanguages: [{ language: 'es', level: 'A1' }],
      completeOnboarding: true,
    },
    headers: { 'x-csrf-token': newCsrf },
  });
  expect(onboarded.ok()).toBe(true);
  await page.goto('/settings');
  await page.locator('input[name="export-file"]').setInputFiles(file);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText(/Imported 1 conversation.*2 cards/)).toBeVisible();
  // Her profile came back too (B1, not the A1 of the new account's onboarding).
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Level' }).first()).toHaveValue('B1');
  await screenshot(page, 'portability-03-imported');

  // Her conversations and cards are back.
  await page.goto('/conversations');
  await expect(page.getByText('Mi viaje a Sevilla')).toBeVisible();
  await page.goto('/vocabulary/decks');
  await page.getByRole('link', { name: 'Viajes', exact: true }).click();
  await expect(page.locator('.word-list')).toContainText('la maleta');
  await expect(page.locator('.word-list')).toContainText('el billete');
  await screenshot(page, 'portability-04-cards-back');
});
