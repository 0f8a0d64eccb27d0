import { expect, test } from '@playwright/test';
import {
  createOnboardedLearner,
  fakeLlmControl,
  screenshot,
  scriptFakeLlm,
  waitForOpening,
} from './support.ts';

/** About 200 words, streamed slowly enough that Stop lands in the middle. */
const longStory = Array.from(
  { length: 20 },
  (_, index) =>
    `Capítulo ${index + 1}: la pequeña zorra caminó por el bosque oscuro buscando a su amiga perdida.`,
).join(' ');

/**
 * A learner starts a conversation, watches a reply stream in, then stops a long reply midway: the
 * text so far stays on screen (and on the server), marked as stopped, and the provider call is aborted.
 */
test('a learner starts a conversation, sees the reply stream, and stops a long reply', async ({ page }) => {
  await createOnboardedLearner(page.request, 'nico', { target: 'es', level: 'A2' });
  // `structured: false` keeps these rules for the reply: a feedback analysis of the same message is
  // a structured request and must not consume them.
  await scriptFakeLlm(page.request, [
    // The conversation's title, asked of the summary chain once the tutor has answered.
    { label: 'title', system: 'Name this Spanish', structured: false, text: 'Practicar español con Nico' },
    {
      label: 'greeting',
      contains: 'quiero practicar',
      structured: false,
      text: '¡Hola, Nico! **Encantada**. Vamos a practicar:\n\n- saludos\n- el *pasado*\n\n¿Qué hiciste ayer?',
      // Slow enough that the streaming state is still there to be seen on a busy machine.
      tokenDelayMs: 200,
    },
    { label: 'long story', contains: 'long story', structured: false, text: longStory, tokenDelayMs: 30 },
  ]);

  await page.goto('/conversations');
  await expect(page.getByRole('heading', { name: 'Conversations', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'New conversation' }).click();
  const dialog = page.getByRole('dialog', { name: 'New conversation' });
  await expect(dialog.getByLabel('Language', { exact: true })).toHaveValue('es');
  await expect(dialog.getByLabel('Level', { exact: true })).toHaveValue('A2');
  await screenshot(page, 'conversation-01-new-dialog');
  await dialog.getByRole('button', { name: 'Start conversation' }).click();

  const box = page.getByLabel('Your message in Spanish');
  await expect(box).toBeFocused();
  await waitForOpening(page);
  await box.fill('Hola, quiero practicar español contigo.');
  await box.press('Enter');

  // The learner's message is on the right at once; the reply streams in on the left.
  const learner = page.locator('li.message-learner');
  const reply = page.locator('li.message-tutor').last();
  await expect(learner).toHaveText(/quiero practicar/);
  await expect(box).toHaveValue('');
  await expect(reply).toHaveAttribute('data-status', 'streaming');
  await expect(reply.locator('.message-text')).toContainText('¡Hola');
  await expect(page.getByRole('button', { name: 'Stop' })).toBeVisible();
  await screenshot(page, 'conversation-02-streaming');
  // The greeting streams for about as long as the default 5-second wait on its own; a loaded
  // machine needs more.
  await expect(reply).toHaveAttribute('data-status', 'complete', { timeout: 20_000 });
  await expect(reply.locator('strong')).toHaveText('Encantada');
  await expect(reply.locator('li')).toHaveText(['saludos', 'el pasado']);
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();
  await screenshot(page, 'conversation-03-complete');

  // A long reply, stopped midway.
  await box.fill('Please tell me a long story.');
  await box.press('Enter');
  const story = page.locator('li.message-tutor').last();
  await expect(story.locator('.message-text')).toContainText('Capítulo 3');
  await page.getByRole('button', { name: 'Stop' }).click();

  await expect(story).toHaveAttribute('data-status', 'partial');
  await expect(story.locator('.badge')).toHaveText('Stopped');
  await expect(page.getByRole('button', { name: 'Retry' })).toBeVisible();
  const kept = (await story.locator('.message-text').innerText()).trim();
  expect(kept).toContain('Capítulo 3');
  expect(kept.length).toBeLessThan(longStory.length);
  await expect(box).toBeFocused();
  await screenshot(page, 'conversation-04-stopped');

  // The provider call was aborted, and the server kept the partial text.
  const records = await (await page.request.get(`${fakeLlmControl}/requests`)).json();
  const storyCall = (records.requests as { rule?: string; aborted?: boolean }[]).find(
    (record) => record.rule === 'long story',
  );
  expect(storyCall?.aborted).toBe(true);
  await page.reload();
  const storedStory = page.locator('li.message-tutor').last();
  await expect(storedStory).toHaveAttribute('data-status', 'partial');
  await expect(storedStory.locator('.badge')).toHaveText('Stopped');
  expect((await storedStory.locator('.message-text').innerText()).trim().startsWith(kept.slice(0, 200))).toBe(
    true,
  );

  // The same conversation on a phone.
  await page.setViewportSize({ width: 360, height: 740 });
  await expect(page.getByLabel('Your message in Spanish')).toBeVisible();
  await screenshot(page, 'conversation-05-phone');
  await page.goto('/conversations');
  // Named after what it is about, not after the learner's first sentence.
  await expect(page.getByRole('link', { name: 'Practicar español con Nico' })).toBeVisible();
  await screenshot(page, 'conversation-06-phone-list');
});

/**
 * Scrolling: the screen opens at the latest message, loads older ones at the top without losing the
 * reader's place, follows a streaming reply, and stops following once the reader scrolls up.
 */
test('the chat follows the stream, respects a reader who scrolled up, and pages older messages', async ({
  page,
}) => {
  await createOnboardedLearner(page.request, 'olga', { target: 'es', level: 'B1' });
  const csrf = (await (await page.request.get('/api/me')).json()).csrfToken as string;
  const headers = { 'x-csrf-token': csrf };
  const created = await page.request.post('/api/conversations', { data: { language: 'es' }, headers });
  const { conversation } = (await created.json()) as { conversation: { id: string } };
  // 30 quick turns through the API (60 messages): more than the first page of 50.
  for (let turn = 1; turn <= 30; turn += 1) {
    const sent = await page.request.post(`/api/conversations/${conversation.id}/messages`, {
      data: { text: `Mensaje número ${turn}` },
      headers,
    });
    expect(await sent.text()).toContain('event: done');
  }

  await page.goto(`/conversations/${conversation.id}`);
  const scroller = page.locator('.message-scroller');
  const messages = page.locator('li.message');
  await expect(messages).toHaveCount(50);
  const distanceFromEnd = () =>
    scroller.evaluate((element) => element.scrollHeight - element.scrollTop - element.clientHeight);
  await expect.poll(distanceFromEnd).toBeLessThan(2);
  await expect(messages.last()).toBeInViewport();

  // To the top: the first page's oldest message stays where the reader left it while older ones load.
  const oldestShown = page.locator('li.message-learner', { hasText: 'Mensaje número 6' }).first();
  await scroller.evaluate((element) => element.scrollTo({ top: 0 }));
  await expect(messages).toHaveCount(60);
  await expect(page.getByRole('button', { name: 'Load older messages' })).toHaveCount(0);
  await expect(oldestShown).toBeInViewport();
  expect(await scroller.evaluate((element) => element.scrollTop)).toBeGreaterThan(100);
  await screenshot(page, 'conversation-07-older-loaded');

  // A long reply: the screen follows it…
  await scriptFakeLlm(page.request, {
    label: 'scroll story',
    contains: 'otra historia',
    structured: false,
    text: longStory,
    tokenDelayMs: 40,
  });
  const box = page.getByLabel('Your message in Spanish');
  await box.fill('Cuéntame otra historia, por favor.');
  await box.press('Enter');
  const story = page.locator('li.message-tutor').last();
  await expect(story.locator('.message-text')).toContainText('Capítulo 2');
  await expect.poll(distanceFromEnd).toBeLessThan(60);
  await expect(page.getByRole('button', { name: 'Jump to latest' })).toHaveCount(0);

  // …until the reader scrolls up: then it stays put and offers a way back.
  await scroller.hover();
  await page.mouse.wheel(0, -600);
  const jump = page.getByRole('button', { name: 'Jump to latest' });
  await expect(jump).toBeVisible();
  const readingAt = await scroller.evaluate((element) => element.scrollTop);
  await expect(story.locator('.message-text')).toContainText('Capítulo 6');
  expect(await scroller.evaluate((element) => element.scrollTop)).toBe(readingAt);
  await screenshot(page, 'conversation-08-scrolled-up');

  await jump.click();
  await expect(jump).toHaveCount(0);
  await expect(box).toBeFocused();
  await expect(story.locator('.message-text')).toContainText('Capítulo 9');
  await expect.poll(distanceFromEnd).toBeLessThan(60);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(story).toHaveAttribute('data-status', 'partial');
});
