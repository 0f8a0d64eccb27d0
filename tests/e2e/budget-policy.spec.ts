import { type APIRequestContext, expect, test } from '@playwright/test';
import { createOwnerByApi, type OwnServer, startOwnServer } from './own-server.ts';
import { checkPage } from './page-checks.ts';
import { fakeLlmControl, fakeLlmOrigin, screenshot, scriptFakeLlm, waitForOpening } from './support.ts';

/*
 * A server of its own whose tutor talks through Claude Sonnet, with no cheaper chain in its
 * environment: the admin switches the policy to "downgrade", sets Claude Haiku as the cheaper chain
 * in the app, and gives Dora a $0.20 monthly cap. Her
 * first conversation's opening is scripted to cost $0.15: she is told her budget is 75 % used. What
 * is left no longer covers a Sonnet reply, so her next reply comes from Haiku, she is told the tutor
 * goes on with a cheaper model, and her usage page shows both models.
 */

const admin = { username: 'budget-owner', password: 'budget owner password 2026' };
const member = { username: 'budget-dora', password: 'budget dora password 2026' };
const expensive = 'claude-sonnet-4-6';
const cheaper = 'claude-haiku-4-5';

let server: OwnServer;

test.beforeAll(async ({ playwright }) => {
  server = await startOwnServer('budget', {
    ANTHROPIC_API_KEY: 'test-key',
    ANTHROPIC_BASE_URL: `${fakeLlmOrigin}/anthropic/v1`,
    // Every role on Sonnet, so that Haiku appears in the usage only through the downgrade.
    LLM_CHAIN_CONVERSATION: `anthropic:${expensive}`,
    LLM_CHAIN_FEEDBACK: `anthropic:${expensive}`,
    LLM_CHAIN_SUMMARY: `anthropic:${expensive}`,
    LLM_CHAIN_EXERCISES: `anthropic:${expensive}`,
    // A wide gap between the two models' largest possible reply: a Sonnet reply reserves about $0.06,
    // a Haiku one about $0.02, so $0.05 left covers only Haiku.
    REPLY_MAX_OUTPUT_TOKENS: '4000',
  });
  const request = await playwright.request.newContext();
  const csrf = await createOwnerByApi(request, server.base, admin.username, admin.password);
  const created = await request.post(`${server.base}/api/admin/members`, {
    data: { ...member, isChild: false },
    headers: { 'x-csrf-token': csrf },
  });
  expect(created.status()).toBe(201);
  const login = await request.post(`${server.base}/api/auth/login`, { data: member });
  const onboarded = await request.patch(`${server.base}/api/me/profile`, {
    data: {
      nativeLanguage: 'en',
      targetLanguages: [{ language: 'es', level: 'B1' }],
      completeOnboarding: true,
    },
    headers: { 'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken },
  });
  expect(onboarded.ok()).toBe(true);
  await request.dispose();
});

test.afterAll(async () => {
  await server?.stop();
});

async function signIn(request: APIRequestContext, who: { username: string; password: string }) {
  const response = await request.post(`${server.base}/api/auth/login`, { data: who });
  expect(response.ok()).toBe(true);
}

/** The model of the last streamed call whose last message contains `text`. */
async function modelThatAnswered(request: APIRequestContext, text: string): Promise<string | undefined> {
  const response = await request.get(`${fakeLlmControl}/requests?provider=anthropic`);
  const calls = (
    (await response.json()) as { requests: Array<{ stream: boolean; model: string; body: unknown }> }
  ).requests;
  return calls.filter((call) => call.stream && JSON.stringify(call.body).includes(text)).at(-1)?.model;
}

test('at a member’s cap the tutor downgrades to the cheaper model, after a 75 % alert', async ({ page }) => {
  test.setTimeout(90_000);
  const base = server.base;

  // The admin chooses the downgrade policy and Dora's cap on the usage page.
  await signIn(page.request, admin);
  await page.goto(`${base}/admin/usage`);
  await expect(page.getByRole('heading', { name: 'Usage and budgets', level: 1 })).toBeVisible();
  const policy = page.getByLabel('At a cap');
  await expect(policy.locator('option[value="downgrade"]')).toHaveText(
    'Downgrade: switch to a cheaper chain',
  );
  await policy.selectOption('downgrade');
  // The cheaper chain is chosen right there, from the provider's own models: no .env to edit.
  const chain = page.getByRole('group', { name: 'Cheaper chain' });
  await expect(chain).toContainText('No cheaper chain: requests at a cap are refused as under Block.');
  await expect(page.getByText(/\.env|BUDGET_DOWNGRADE_CHAIN/)).toHaveCount(0);
  await chain.getByRole('button', { name: 'Add a provider' }).click();
  const first = chain.getByRole('group', { name: 'First choice' });
  await expect(first.getByLabel('Provider')).toHaveValue('anthropic');
  await first.getByLabel('Model').selectOption(cheaper);
  await page.getByRole('button', { name: 'Save server budget' }).click();
  await expect(page.getByText('Saved. The new budget applies from the next request.')).toBeVisible();
  await expect(policy.locator('option[value="downgrade"]')).toHaveText(
    `Downgrade: switch to anthropic:${cheaper}`,
  );
  await expect(chain).toContainText('Set in the app.');
  const row = page.locator(`tr[data-member="${member.username}"]`);
  await row.getByRole('button', { name: `Edit caps for ${member.username}` }).click();
  await row.getByLabel(`Monthly cap for ${member.username} (USD)`).fill('0.20');
  await row.getByRole('button', { name: 'Save caps' }).click();
  await expect(row).toContainText('$0.20');
  await page.reload();
  await expect(page.getByLabel('At a cap')).toHaveValue('downgrade');
  await expect(row).toContainText('$0.20');
  await checkPage(page, () => expect(row).toBeVisible());
  await screenshot(page, 'budget-policy-01-downgrade-chosen');

  // Dora's opening costs $0.15 (50,000 input tokens on Sonnet at $3 a million): 75 % of her cap.
  await scriptFakeLlm(page.request, {
    label: 'costly opening',
    model: expensive,
    contains: 'has just opened this conversation',
    structured: false,
    text: '¡Hola, Dora! ¿De qué quieres hablar hoy?',
    usage: { inputTokens: 50_000, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 },
  });
  await signIn(page.request, member);
  await page.goto(`${base}/conversations`);
  await page.getByRole('button', { name: 'New conversation' }).click();
  await page
    .getByRole('dialog', { name: 'New conversation' })
    .getByRole('button', { name: 'Start conversation' })
    .click();
  await waitForOpening(page);
  await expect(page.locator('li.message-tutor').first()).toContainText('¡Hola, Dora!');
  const conversation = page.url();

  // The alert below 100 %: on her next page, a warning with what is spent of what.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Usage' }).click();
  const alert = page.locator('.budget-alert');
  await expect(alert).toContainText(/Your monthly AI budget is 75% used \(\$0\.15\d* of \$0\.20\)\./);
  await expect(alert).toHaveClass(/alert-warning/);
  await expect(page.getByRole('progressbar', { name: 'This month' })).toHaveAttribute(
    'aria-valuetext',
    /of \$0\.20$/,
  );
  await checkPage(page, () => expect(alert).toBeVisible());
  await screenshot(page, 'budget-policy-02-alert-75');
  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await expect(alert).toHaveCount(0);

  // What is left ($0.05) cannot cover a Sonnet reply: the reply comes from Haiku, not a refusal.
  await page.goto(conversation);
  await waitForOpening(page);
  const box = page.getByLabel('Your message in Spanish');
  await box.fill('Quiero practicar el subjuntivo.');
  await box.press('Enter');
  const reply = page.locator('li.message-tutor').nth(1);
  await expect(reply).toHaveAttribute('data-status', 'complete');
  await expect(reply).not.toHaveText('');
  await expect(page.getByText(/monthly AI budget of \$0\.20/)).toHaveCount(0);
  expect(await modelThatAnswered(page.request, 'Quiero practicar el subjuntivo.')).toBe(cheaper);
  await checkPage(page, () => expect(reply).toHaveAttribute('data-status', 'complete'));
  await screenshot(page, 'budget-policy-03-downgraded-reply');

  // Her usage shows both models: Sonnet for the opening, Haiku for the downgraded reply; what is
  // left no longer covers the usual model, and she is told the tutor goes on with a cheaper one.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Usage' }).click();
  await expect(alert).toContainText('Your monthly AI budget of $0.20 is used up');
  await expect(alert).toContainText('The tutor switches to a cheaper model until it resets');
  await expect(alert).not.toContainText('pauses');
  await expect(
    page.getByText('When it runs out, the tutor switches to a cheaper model until then.'),
  ).toBeVisible();
  await page.getByText('Details: per day, by purpose and by model').click();
  const byModel = page.getByRole('table', { name: 'By model' });
  await expect(byModel.getByRole('row', { name: new RegExp(`${expensive} \\(anthropic\\)`) })).toBeVisible();
  await expect(byModel.getByRole('row', { name: new RegExp(`${cheaper} \\(anthropic\\)`) })).toBeVisible();
  await screenshot(page, 'budget-policy-04-usage-by-model');
});
