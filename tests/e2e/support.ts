import { type APIRequestContext, expect, type Locator, type Page } from '@playwright/test';

/**
 * Shared by every journey. The foundation journey creates the owner through the UI and runs first
 * (a Playwright project dependency); later journeys sign in as that owner through the API to create
 * their own learners, so they do not depend on each other's order.
 */
export const owner = { username: 'owner', password: 'owner password 2026' };
/** The fake LLM's origin (playwright.config.ts sets the same port). */
export const fakeLlmOrigin = `http://127.0.0.1:${process.env.E2E_FAKE_LLM_PORT ?? 4610}`;
export const fakeLlmControl = `${fakeLlmOrigin}/__control`;
export const learnerPassword = 'learner password 2026';

/** Signs the page's browser context in through the API (cookies land in the context). */
export async function signInByApi(
  request: APIRequestContext,
  username: string,
  password: string,
): Promise<string> {
  const response = await request.post('/api/auth/login', { data: { username, password } });
  if (!response.ok())
    throw new Error(`sign-in as ${username} failed: ${response.status()} ${await response.text()}`);
  return ((await response.json()) as { csrfToken: string }).csrfToken;
}

/**
 * Creates an onboarded learner (a child account with `isChild`) as the owner and leaves `request`
 * signed in as that learner. `request` should be `page.request`, so the browser shares the session.
 */
export async function createOnboardedLearner(
  request: APIRequestContext,
  username: string,
  profile: { target?: string; level?: string; native?: string; isChild?: boolean } = {},
): Promise<void> {
  const ownerCsrf = await signInByApi(request, owner.username, owner.password);
  const created = await request.post('/api/admin/members', {
    data: { username, password: learnerPassword, isChild: profile.isChild ?? false },
    headers: { 'x-csrf-token': ownerCsrf },
  });
  if (!created.ok())
    throw new Error(`creating ${username} failed: ${created.status()} ${await created.text()}`);
  const csrf = await signInByApi(request, username, learnerPassword);
  const onboarded = await request.patch('/api/me/profile', {
    data: {
      nativeLanguage: profile.native ?? 'en',
      targetLanguages: [{ language: profile.target ?? 'es', level: profile.level ?? 'A2' }],
      dailyGoalMinutes: 15,
      completeOnboarding: true,
    },
    headers: { 'x-csrf-token': csrf },
  });
  if (!onboarded.ok()) throw new Error(`onboarding ${username} failed: ${onboarded.status()}`);
}

/** The tutor opens every new conversation; the learner writes once its greeting has arrived. */
export async function waitForOpening(page: Page): Promise<void> {
  await expect(page.locator('li.message-tutor').first()).toHaveAttribute('data-status', 'complete');
}

/**
 * Sends `text` from the conversation's box with Enter and waits for the tutor's new reply to end,
 * when the box takes the next message. Waiting on the last tutor message alone could be satisfied by
 * the previous one before the new one appears, and an Enter while a reply streams sends nothing.
 */
export async function sendAndWaitForReply(page: Page, box: Locator, text: string): Promise<Locator> {
  const tutorMessages = page.locator('li.message-tutor');
  const before = await tutorMessages.count();
  await box.fill(text);
  await box.press('Enter');
  const reply = tutorMessages.nth(before);
  await expect(reply).toHaveAttribute('data-status', 'complete');
  return reply;
}

/** Queues a scripted reply on the fake LLM the e2e app talks to (see tools/fake-llm/README.md). */

export async function scriptFakeLlm(request: APIRequestContext, rules: unknown): Promise<void> {
  const response = await request.post(`${fakeLlmControl}/script`, { data: rules });
  if (!response.ok()) throw new Error(`scripting the fake LLM failed: ${await response.text()}`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

/** Learners this worker has made or found; the others are looked up in the owner's member list. */
const knownLearners = new Set<string>();

/**
 * Signs `request` in as a learner that the journeys of one file share: created (and onboarded) by the
 * first journey that asks, signed in again by the others. Creating it on demand keeps each journey
 * runnable on its own (`--grep`), and a restarted worker finds the account in the member list (no
 * failed sign-in: those count against the address's login throttle).
 */
export async function useLearner(
  request: APIRequestContext,
  username: string,
  profile: Parameters<typeof createOnboardedLearner>[2] = {},
): Promise<string> {
  if (!knownLearners.has(username)) {
    await signInByApi(request, owner.username, owner.password);
    const { members } = (await (await request.get('/api/admin/members')).json()) as {
      members: { username: string }[];
    };
    if (!members.some((member) => member.username === username))
      await createOnboardedLearner(request, username, profile);
    knownLearners.add(username);
  }
  return signInByApi(request, username, learnerPassword);
}
