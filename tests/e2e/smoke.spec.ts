import { expect, test } from '@playwright/test';

// Placeholder journey: proves the harness can boot the built app and drive Chromium against it.
test('the app serves its home page', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveTitle(/Charla/);
});
