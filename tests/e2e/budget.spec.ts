import { expect, test } from '@playwright/test';
import {
  createOnboardedLearner,
  learnerPassword,
  owner,
  screenshot,
  scriptFakeLlm,
  sendAndWaitForReply,
  signInByApi,
  waitForOpening,
} from './support.ts';

/**
 * An admin gives a learner a small monthly cap on the usage page; the learner's first reply fits,
 * the next request is refused before anything is stored (the draft stays in the box, the message
 * says whose cap, how much and when it resets), and the learner's usage page shows the spending.
 */
test('an admin sets a member’s cap; the member reaches it, sees why, and sees their usage', async ({
  page,
}) => {
  await createOnboardedLearner(page.request, 'bea', { target: 'es', level: 'A2' });

  // The admin sets Bea's cap to $0.03: a reply holds its exact prompt's maximum (under a cent), so
  // the greeting and one reply fit.
  await signInByApi(page.request, owner.username, owner.password);
  await page.goto('/admin/usage');
  await expect(page.getByRole('heading', { name: 'Usage and budgets', level: 1 })).toBeVisible();
  const row = page.locator('tr[data-member="bea"]');
  await row.getByRole('button', { name: 'Edit caps for bea' }).click();
  await row.getByLabel('Monthly cap for bea (USD)').fill('0.03');
  await screenshot(page, 'budget-01-admin-edits-cap');
  await row.getByRole('button', { name: 'Save caps' }).click();
  await expect(row).toContainText('$0.03');
  await expect(row).not.toContainText('(default)');
  await screenshot(page, 'budget-02-admin-cap-saved');

  // The first reply is scripted to cost $0.0255 (25,000 input and 100 output tokens on Claude
  // Haiku 4.5), leaving less than the next reply's maximum.
  await scriptFakeLlm(page.request, {
    label: 'expensive reply',
    contains: 'Hola, ¿qué tal?',
    structured: false,
    text: '¡Hola, Bea! ¿Qué tal tu día?',
    usage: { inputTokens: 25_000, outputTokens: 100, cacheReadTokens: 0, cacheWriteTokens: 0 },
  });
  await signInByApi(page.request, 'bea', learnerPassword);
  await page.goto('/conversations');
  await page.getByRole('button', { name: 'New conversation' }).click();
  await page
    .getByRole('dialog', { name: 'New conversation' })
    .getByRole('button', { name: 'Start conversation' })
    .click();
  const box = page.getByLabel('Your message in Spanish');
  await waitForOpening(page);
  const reply = await sendAndWaitForReply(page, box, 'Hola, ¿qué tal?');
  await expect(reply).toContainText('¡Hola, Bea!');

  // What is left no longer covers a reply: refused before it is stored, and the draft stays.
  const draft = 'Quiero contarte algo muy largo sobre mi fin de semana.';
  await box.fill(draft);
  await box.press('Enter');
  const refusal = page.getByText(/Your monthly AI budget of \$0\.03/);
  await expect(refusal).toBeVisible();
  await expect(refusal).toContainText('It resets on 1 ');
  await expect(box).toHaveValue(draft);
  await expect(page.locator('li.message-learner')).toHaveCount(1);
  await screenshot(page, 'budget-03-refused-draft-kept');

  // The usage page: what was spent, what is left, and the alert that the cap was reached.
  await page.getByRole('link', { name: 'Usage', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Usage', level: 1 })).toBeVisible();
  await expect(page.getByTestId('usage-spent')).not.toHaveText('$0.00');
  await expect(page.getByRole('progressbar', { name: 'This month' })).toHaveAttribute(
    'aria-valuetext',
    /of \$0\.03$/,
  );
  await expect(page.locator('.budget-alert')).toContainText('Your monthly AI budget of $0.03 is used up');
  // The breakdowns are one click away.
  await page.locator('.usage-details > summary').click();
  await expect(page.getByRole('row', { name: /Tutor replies/ })).toBeVisible();
  await expect(page.locator('.usage-chart-bar[height]:not([height="0"])')).toHaveCount(1);
  await screenshot(page, 'budget-04-learner-usage');

  // Dismissed alerts stay dismissed.
  await page.locator('.budget-alert').getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.locator('.budget-alert')).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Usage', level: 1 })).toBeVisible();
  await expect(page.locator('.budget-alert')).toHaveCount(0);
});
