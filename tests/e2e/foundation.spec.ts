import { expect, test } from '@playwright/test';
import { owner, screenshot } from './support.ts';

const child = { username: 'lucia', password: 'lucia first password' };

test('the owner signs up and creates a child; the child logs in, onboards and sees the shell', async ({
  page,
}) => {
  await page.goto('/');
  // A new server sends the first visitor to create the owner account.
  await expect(page.getByRole('heading', { name: /owner account/i })).toBeVisible();
  await page.getByLabel('Username').fill(owner.username);
  await page.getByLabel('Password').fill(owner.password);
  await screenshot(page, 'foundation-01-owner-signup');
  await page.getByRole('button', { name: 'Create account' }).click();

  // The owner onboards like any learner, then reaches the shell.
  await expect(page.getByLabel('Native language')).toBeVisible();
  await page.getByLabel('Native language').selectOption('en');
  await page.getByLabel('Language you are learning').selectOption('fr');
  await page.getByLabel('Level').selectOption('B1');
  await page.getByRole('button', { name: 'Start learning' }).click();
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Members' })).toBeVisible();

  await nav.getByRole('link', { name: 'Members' }).click();
  await page.getByLabel('Username').fill(child.username);
  await page.getByLabel('Temporary password').fill(child.password);
  await page.getByLabel('Child account').check();
  await page.getByRole('button', { name: 'Create member' }).click();
  const row = page.getByRole('row', { name: /lucia/ });
  await expect(row).toBeVisible();
  await expect(row).toContainText(/child/i);
  await screenshot(page, 'foundation-02-members');

  await page.getByRole('button', { name: 'Sign out' }).first().click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();

  await page.getByLabel('Username').fill(child.username);
  await page.getByLabel('Password').fill(child.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByLabel('Native language')).toBeVisible();
  await page.getByLabel('Native language').selectOption('en');
  await page.getByLabel('Language you are learning').selectOption('es');
  await page.getByLabel('Level').selectOption('A1');
  await screenshot(page, 'foundation-03-child-onboarding');
  await page.getByRole('button', { name: 'Start learning' }).click();

  await expect(nav).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('lucia');
  // A child learner sees no admin sections, and the server agrees.
  await expect(nav.getByRole('link', { name: 'Members' })).toHaveCount(0);
  await screenshot(page, 'foundation-04-child-shell');
  expect((await page.request.get('/api/admin/members')).status()).toBe(403);
});

test('the shell fits a phone screen', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/login');
  await page.getByLabel('Username').fill(child.username);
  await page.getByLabel('Password').fill(child.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: /menu/i })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await screenshot(page, 'foundation-05-phone');
});
