import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { type OwnServer, root, startOwnServer } from './own-server.ts';
import { fakeLlmOrigin, screenshot, scriptFakeLlm } from './support.ts';

/*
 * A new owner on a server of its own, started with no provider in its environment: they add the
 * fake LLM as an Anthropic provider in the app and talk with the tutor without a restart, then
 * register the test GGUF file as a local model, switch the conversation chain to it, and get a
 * streamed reply from the model running inside Charla.
 */

const fixture = join(root, 'tests/fixtures/llama-2-tiny-random.gguf');
const anthropicKey = 'sk-charla-e2e-anthropic-key-4321';
const fakeAnthropic = `${fakeLlmOrigin}/anthropic/v1`;

let server: OwnServer;
let base: string;

test.beforeAll(async () => {
  // No provider in its environment; a GGUF file placed in the models folder, as an admin would copy one there.
  server = await startOwnServer(
    'providers',
    { REPLY_MAX_OUTPUT_TOKENS: '24', FEEDBACK_MAX_OUTPUT_TOKENS: '120' },
    async (dataDir) => {
      await mkdir(join(dataDir, 'models'));
      await copyFile(fixture, join(dataDir, 'models', 'llama-2-tiny-random.gguf'));
    },
  );
  base = server.base;
});

test.afterAll(async () => {
  await server?.stop();
});

/** Every API response the page receives, to prove no key ever reaches the browser. */
function watchResponses(page: Page): string[] {
  const bodies: string[] = [];
  page.on('response', async (response) => {
    if (!response.url().includes('/api/')) return;
    if ((response.headers()['content-type'] ?? '').includes('event-stream')) return;
    try {
      bodies.push(await response.text());
    } catch {}
  });
  return bodies;
}

test('a fresh owner sets up a cloud provider and a local model in the app, and talks with the tutor', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const bodies = watchResponses(page);
  await page.goto(`${base}/`);
  await expect(page.getByRole('heading', { name: /owner account/i })).toBeVisible();
  await page.getByLabel('Username').fill('newowner');
  await page.getByLabel('Password').fill('new owner password 2026');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByLabel('Native language').selectOption('en');
  await page.getByLabel('Language you are learning').selectOption('es');
  await page.getByLabel('Level').selectOption('A2');
  await page.getByRole('button', { name: 'Start learning' }).click();

  // Home offers the three ways in the app instead of pointing at a file.
  await expect(page.getByRole('link', { name: /paste a key/i }).first()).toBeVisible();
  await screenshot(page, 'providers-01-home-without-provider');
  await page
    .getByRole('link', { name: /paste a key/i })
    .first()
    .click();
  await expect(page).toHaveURL(/\/admin\/providers#add-key/);

  const addKey = page.locator('#add-key');
  await addKey.getByLabel('API key').fill(anthropicKey);
  await addKey.getByLabel('Address').fill(fakeAnthropic);
  await addKey.getByRole('button', { name: /^Add / }).click();
  const card = page.locator('article, li').filter({ hasText: '…4321' }).first();
  await expect(card).toBeVisible();
  await expect(card).toContainText(/reachable/i);
  await screenshot(page, 'providers-02-anthropic-added');

  // No restart: the tutor answers through the provider just added.
  await scriptFakeLlm(request, { provider: 'anthropic', text: '¡Hola! Soy tu tutora. ¿Cómo estás?' });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Conversations' }).click();
  await page.getByRole('button', { name: 'New conversation' }).click();
  await page
    .getByRole('dialog', { name: 'New conversation' })
    .getByRole('button', { name: 'Start conversation' })
    .click();
  await expect(page.locator('li.message-tutor').first()).toHaveAttribute('data-status', 'complete', {
    timeout: 15_000,
  });
  await expect(page.locator('li.message-tutor').first()).toContainText('Soy tu tutora');
  const conversationUrl = page.url();
  await scriptFakeLlm(request, { provider: 'anthropic', text: 'Muy bien, gracias por preguntar.' });
  const box = page.getByLabel('Your message in Spanish');
  await box.fill('Estoy bien, gracias.');
  await box.press('Enter');
  await expect(page.locator('li.message-tutor').nth(1)).toContainText('Muy bien, gracias por preguntar.', {
    timeout: 15_000,
  });
  await screenshot(page, 'providers-03-talking-through-the-app-provider');

  // The GGUF file in the models folder becomes a local provider.
  await page.goto(`${base}/admin/providers#local-model`);
  const localSection = page.locator('#local-model');
  await localSection
    .getByRole('button', { name: /Use this model/ })
    .first()
    .click();
  await expect(localSection).toContainText(/In use as the provider/);
  await screenshot(page, 'providers-04-local-model-registered');

  // The conversation chain switches to it.
  const chain = page
    .locator('form.chain-editor')
    .filter({ has: page.getByRole('heading', { name: /conversation/i }) })
    .first();
  const hasLink = (await chain.getByLabel('Provider').count()) > 0;
  if (!hasLink) await chain.getByRole('button', { name: 'Add a provider' }).click();
  const providerSelect = chain.getByLabel('Provider').first();
  const localOption = providerSelect.locator('option', { hasText: /llama-2-tiny-random|local/i }).first();
  await providerSelect.selectOption({ label: (await localOption.textContent())?.trim() ?? '' });
  await chain.getByRole('button', { name: /^Save/ }).click();
  await expect(page.getByText(/saved\. It applies from the next call/)).toBeVisible();
  await screenshot(page, 'providers-05-chain-switched');

  // The next turn streams from the model running inside Charla (random weights: gibberish).
  const callsBefore = await fakeCallCount(request);
  await page.goto(conversationUrl);
  await box.fill('¿Qué tiempo hace hoy?');
  await box.press('Enter');
  const localReply = page.locator('li.message-tutor').nth(2);
  await expect(localReply).toHaveAttribute('data-status', 'complete', { timeout: 60_000 });
  expect(((await localReply.textContent()) ?? '').trim().length).toBeGreaterThan(0);
  // The reply did not come from the fake cloud provider (its feedback still may: only the
  // conversation chain was switched).
  expect(await fakeCallCount(request)).toBe(callsBefore);
  await screenshot(page, 'providers-06-local-reply');

  // The key never reached the browser.
  expect(bodies.length).toBeGreaterThan(10);
  for (const body of bodies) expect(body).not.toContain(anthropicKey);
});

/** Streamed calls (replies) the fake cloud provider has received. */
async function fakeCallCount(request: import('@playwright/test').APIRequestContext): Promise<number> {
  const response = await request.get(`${fakeLlmOrigin}/__control/requests`);
  return ((await response.json()) as { requests: Array<{ stream: boolean }> }).requests.filter(
    (call) => call.stream,
  ).length;
}
