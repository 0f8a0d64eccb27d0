import { readFile } from 'node:fs/promises';
import { type APIRequestContext, type Browser, expect, type Page, test } from '@playwright/test';
import { checkPage } from './page-checks.ts';
import { createOnboardedLearner, learnerPassword, screenshot } from './support.ts';

/*
 * A learner's own account, from the settings page: Pia changes her password (the old one stops
 * working, and her phone is signed out) and signs out everywhere (her phone again); Ugo downloads his
 * data and finds it in the file, and deletes his account (he can no longer sign in).
 */

/** The learner the running journey signs in as (the journeys in this file run one after the other). */
let username = '';
const newPassword = 'pia second password 2026';

async function signInThroughUi(page: Page, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
}

/** A second device: its own browser context, signed in through the sign-in page. */
async function secondDevice(browser: Browser, password: string): Promise<Page> {
  const context = await browser.newContext();
  const phone = await context.newPage();
  await signInThroughUi(phone, password);
  return phone;
}

/** The device's next request finds its session gone: the app returns to the sign-in page. */
async function expectSignedOut(device: Page): Promise<void> {
  // A navigation to another page (each one asks the server for something).
  const next = new URL(device.url()).pathname.startsWith('/grammar') ? 'Vocabulary' : 'Grammar';
  await device.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: next }).click();
  await expect(device.getByRole('heading', { name: 'Sign in', level: 1 })).toBeVisible();
  expect((await device.request.get('/api/me')).status()).toBe(401);
}

async function loginStatus(request: APIRequestContext, password: string): Promise<number> {
  return (await request.post('/api/auth/login', { data: { username, password } })).status();
}

test('a learner changes the password and signs out everywhere; the other device is signed out each time', async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(90_000);
  username = 'acct-pia';
  await createOnboardedLearner(page.request, username, { target: 'es', level: 'A2' });

  // --- Password change: a wrong current password changes nothing; the right one does. ---
  let phone = await secondDevice(browser, learnerPassword);
  await page.goto('/settings');
  await expect(page.getByRole('heading', { name: 'Profile & settings', level: 1 })).toBeVisible();
  await checkPage(page, () =>
    expect(page.getByRole('heading', { name: 'Profile & settings', level: 1 })).toBeVisible(),
  );
  const passwordForm = page.getByRole('form', { name: 'Change password' });
  await passwordForm.getByLabel('Current password').fill('not my password 123');
  await passwordForm.getByLabel('New password').fill(newPassword);
  await passwordForm.getByRole('button', { name: 'Change password' }).click();
  await expect(passwordForm.locator('.field-error, [role="alert"]').first()).toBeVisible();
  expect(await loginStatus(request, learnerPassword)).toBe(200);

  await passwordForm.getByLabel('Current password').fill(learnerPassword);
  await passwordForm.getByLabel('New password').fill(newPassword);
  await passwordForm.getByRole('button', { name: 'Change password' }).click();
  await expect(
    passwordForm.getByText('Your password is changed. Your other devices were signed out.'),
  ).toBeVisible();
  await screenshot(page, 'account-01-password-changed');
  // This device stays signed in; the phone is signed out on its next request.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Profile & settings', level: 1 })).toBeVisible();
  await expectSignedOut(phone);
  expect(await loginStatus(request, learnerPassword)).toBe(401);
  expect(await loginStatus(request, newPassword)).toBe(200);
  await phone.context().close();

  // --- Sign out everywhere: this device and the phone. ---
  phone = await secondDevice(browser, newPassword);
  await page.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in', level: 1 })).toBeVisible();
  await expect(page.getByText('You are signed out on every device.')).toBeVisible();
  await checkPage(page, () => expect(page.getByRole('heading', { name: 'Sign in', level: 1 })).toBeVisible());
  await screenshot(page, 'account-02-signed-out-everywhere');
  expect((await page.request.get('/api/me')).status()).toBe(401);
  await expectSignedOut(phone);
  await phone.context().close();
});

test('a learner exports the data, finds it in the file, and deletes the account', async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(90_000);
  username = 'acct-ugo';
  await createOnboardedLearner(page.request, username, { target: 'es', level: 'A2' });
  const csrf = ((await (await page.request.get('/api/me')).json()) as { csrfToken: string }).csrfToken;
  const headers = { 'x-csrf-token': csrf };
  const conversation = await page.request.post('/api/conversations', {
    data: { language: 'es', title: 'Vacaciones en Cádiz' },
    headers,
  });
  expect(conversation.status()).toBe(201);
  const deck = await page.request.post('/api/vocabulary/decks', {
    data: { language: 'es', name: 'Playa' },
    headers,
  });
  const deckId = ((await deck.json()) as { deck: { id: string } }).deck.id;
  const card = await page.request.post('/api/vocabulary/cards', {
    data: { deckId, term: 'la ola', translation: 'the wave' },
    headers,
  });
  expect(card.status()).toBe(201);

  // --- Export: the file holds his account, conversations and cards, and no password. ---
  await page.goto('/settings');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export my data' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^charla-acct-ugo-.*\.json$/);
  const file = testInfo.outputPath('acct-ugo-export.json');
  await download.saveAs(file);
  const text = await readFile(file, 'utf8');
  const exported = JSON.parse(text) as {
    format: string;
    user: { username: string };
    tables: Record<string, Array<Record<string, unknown>>>;
  };
  expect(exported.format).toBe('charla-export');
  expect(exported.user.username).toBe(username);
  expect(exported.tables.conversations?.map((row) => row.title)).toContain('Vacaciones en Cádiz');
  expect(exported.tables.vocabulary_cards?.map((row) => row.term)).toContain('la ola');
  expect(exported.tables.vocabulary_decks?.map((row) => row.name)).toContain('Playa');
  expect(text).not.toContain(learnerPassword);
  expect(text).not.toMatch(/password_hash|\$argon2|\$scrypt/);

  // --- Delete the account: a wrong password deletes nothing; the right one deletes everything. ---
  const danger = page.getByRole('form', { name: 'Delete my account' });
  await danger.getByLabel('Confirm with your password').fill('not my password 123');
  await danger.getByRole('button', { name: 'Delete my account' }).click();
  await expect(danger.locator('.field-error, [role="alert"]').first()).toBeVisible();
  expect((await page.request.get('/api/me')).status()).toBe(200);
  await danger.getByLabel('Confirm with your password').fill(learnerPassword);
  await danger.getByRole('button', { name: 'Delete my account' }).click();
  await expect(page.getByText('Your account and all its data were deleted.')).toBeVisible();
  await screenshot(page, 'account-03-deleted');

  // He cannot sign in any more, and the sign-in page says so.
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(learnerPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Wrong username or password.')).toBeVisible();
  expect(await loginStatus(request, learnerPassword)).toBe(401);
});
