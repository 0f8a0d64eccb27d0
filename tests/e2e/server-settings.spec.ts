import { expect, type Page, test } from '@playwright/test';
import { createOwnerByApi, type OwnServer, startOwnServer } from './own-server.ts';
import { checkPage } from './page-checks.ts';
import { screenshot } from './support.ts';

/*
 * A server of its own, with no AI provider at all (nothing in its environment): the no-provider state
 * as an admin and as a learner see it, and the server settings, changed and seen taking effect. The
 * server and its data are thrown away afterwards, so no setting changed here reaches another journey.
 */

const admin = { username: 'settings-owner', password: 'settings owner password 2026' };
const learner = { username: 'settings-leo', password: 'settings leo password 2026' };

let server: OwnServer;

test.beforeAll(async ({ playwright }) => {
  server = await startOwnServer('settings');
  const request = await playwright.request.newContext();
  const csrf = await createOwnerByApi(request, server.base, admin.username, admin.password);
  const created = await request.post(`${server.base}/api/admin/members`, {
    data: { ...learner, isChild: false },
    headers: { 'x-csrf-token': csrf },
  });
  expect(created.status()).toBe(201);
  const login = await request.post(`${server.base}/api/auth/login`, { data: learner });
  const learnerCsrf = ((await login.json()) as { csrfToken: string }).csrfToken;
  const onboarded = await request.patch(`${server.base}/api/me/profile`, {
    data: {
      nativeLanguage: 'en',
      targetLanguages: [{ language: 'pt', level: 'A2' }],
      completeOnboarding: true,
    },
    headers: { 'x-csrf-token': learnerCsrf },
  });
  expect(onboarded.ok()).toBe(true);
  await request.dispose();
});

test.afterAll(async () => {
  await server?.stop();
});

async function signIn(page: Page, who: { username: string; password: string }): Promise<void> {
  await page.goto(`${server.base}/login`);
  await page.getByLabel('Username').fill(who.username);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Nothing on the page sends anyone to edit a file on the server. */
async function expectNoFileToEdit(page: Page): Promise<void> {
  const text = (await page.locator('body').innerText()).toLowerCase();
  expect(text).not.toContain('.env');
  expect(text).not.toMatch(/environment variable|restart the server/);
}

test('with no provider, the admin is shown the three ways in the app and a learner is told the owner sets it up', async ({
  page,
}) => {
  test.setTimeout(90_000);
  // The admin's home: the notice, with the three ways linking into the providers page.
  await signIn(page, admin);
  const notice = page.locator('.provider-notice');
  await expect(notice.getByRole('heading', { name: 'The tutor can’t answer yet' })).toBeVisible();
  const ways = [
    ['Paste a key', 'add-key'],
    ['Connect a local server', 'add-server'],
    ['Download a local model', 'local-model'],
  ] as const;
  for (const [name, anchor] of ways)
    await expect(notice.getByRole('link', { name, exact: true })).toHaveAttribute(
      'href',
      `/admin/providers#${anchor}`,
    );
  await expectNoFileToEdit(page);
  await checkPage(page, () => expect(notice).toBeVisible());
  await screenshot(page, 'no-provider-01-admin-home');

  // Each way opens the providers page at its section.
  for (const [name, anchor] of ways) {
    await page.goto(`${server.base}/`);
    await notice.getByRole('link', { name, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/admin/providers#${anchor}$`));
    await expect(page.locator(`#${anchor}`)).toBeVisible();
    await expect(page.locator(`#${anchor}`)).toBeInViewport();
  }
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoFileToEdit(page);
  await checkPage(page, () => expect(page.locator('#local-model')).toBeVisible());
  await screenshot(page, 'no-provider-02-providers-page');

  // The admin's conversation list carries the same notice.
  await page.goto(`${server.base}/conversations`);
  await expect(notice.getByRole('link', { name: 'AI providers' })).toHaveAttribute(
    'href',
    '/admin/providers',
  );
  await expectNoFileToEdit(page);

  // A learner: the owner sets it up; no link to a page they cannot open, no file to edit.
  await page.getByRole('button', { name: 'Sign out' }).first().click();
  await signIn(page, learner);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Conversations' }).click();
  await expect(notice).toContainText('The owner of this server has to set up an AI provider first');
  await expect(notice.getByRole('link')).toHaveCount(0);
  await expectNoFileToEdit(page);
  await checkPage(page, () => expect(notice).toBeVisible());
  await screenshot(page, 'no-provider-03-learner-conversations');
  // Her home does not carry the admin's notice.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(learner.username);
  await expect(notice).toHaveCount(0);
});

test('the admin opens sign-up and changes the default corrections; both persist and take effect', async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  await signIn(page, admin);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Server settings' }).click();
  await expect(page.getByRole('heading', { name: 'Server settings', level: 1 })).toBeVisible();
  const openSignup = page.getByRole('checkbox', { name: /Open sign-up/ });
  await expect(openSignup).not.toBeChecked();
  await checkPage(page, () => expect(openSignup).toBeVisible());
  const status = page.locator('.card [role="status"]');

  // Closed: a visitor meets "Sign-up is closed".
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`${server.base}/signup`);
  await expect(visitor.getByRole('heading', { name: 'Sign-up is closed', level: 1 })).toBeVisible();

  // Opened: saved at once, still on after a reload, and the visitor can create an account.
  await openSignup.check();
  await expect(status).toHaveText(
    'Open sign-up is on: anyone who can reach this server can create a learner account.',
  );
  await page.reload();
  await expect(openSignup).toBeChecked();
  await visitor.goto(`${server.base}/signup`);
  await expect(visitor.getByRole('heading', { name: 'Create your account', level: 1 })).toBeVisible();
  await checkPage(visitor, () =>
    expect(visitor.getByRole('heading', { name: 'Create your account', level: 1 })).toBeVisible(),
  );
  await visitor.getByLabel('Username').fill('settings-newcomer');
  await visitor.getByLabel('Password', { exact: true }).fill('newcomer password 2026');
  await visitor.getByRole('button', { name: 'Create account' }).click();
  await expect(visitor.getByLabel('Native language')).toBeVisible();
  await checkPage(visitor, () => expect(visitor.getByLabel('Native language')).toBeVisible());
  await screenshot(visitor, 'server-settings-01-visitor-signed-up');

  // Closed again: the next visitor cannot.
  await openSignup.uncheck();
  await expect(status).toHaveText('Open sign-up is off: only admins can create accounts.');
  const late = await (await browser.newContext()).newPage();
  await late.goto(`${server.base}/signup`);
  await expect(late.getByRole('heading', { name: 'Sign-up is closed', level: 1 })).toBeVisible();
  await late.context().close();
  await visitor.context().close();

  // Default corrections: "All" for learners who have not chosen their own, saved and persisted.
  const all = page.getByRole('radio', { name: /^All/ });
  await all.check();
  await expect(status).toHaveText('Default corrections: All.');
  await page.reload();
  await expect(all).toBeChecked();
  await screenshot(page, 'server-settings-02-saved');

  // The learner's settings say so (she has not chosen her own).
  await page.getByRole('button', { name: 'Sign out' }).first().click();
  await signIn(page, learner);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Profile & settings' })
    .click();
  await expect(
    page.getByText(/All in free conversation and role-plays \(your server.s admin sets it\)/),
  ).toBeVisible();
});
