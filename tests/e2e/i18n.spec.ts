import { expect, type Page, test } from '@playwright/test';
import adminDe from '../../contracts/messages/admin/de.ts';
import adminEs from '../../contracts/messages/admin/es.ts';
import listDe from '../../contracts/messages/conversation-list/de.ts';
import listEs from '../../contracts/messages/conversation-list/es.ts';
import chatDe from '../../contracts/messages/conversations/de.ts';
import chatEs from '../../contracts/messages/conversations/es.ts';
import onboardingDe from '../../contracts/messages/onboarding/de.ts';
import onboardingEs from '../../contracts/messages/onboarding/es.ts';
import providersDe from '../../contracts/messages/providers/de.ts';
import providersEs from '../../contracts/messages/providers/es.ts';
import vocabularyDe from '../../contracts/messages/vocabulary/de.ts';
import vocabularyEs from '../../contracts/messages/vocabulary/es.ts';
import { checkPageAt, checkSizes } from './page-checks.ts';
import { learnerPassword, owner, scriptFakeLlm, signInByApi, waitForOpening } from './support.ts';

/**
 * Issue 18's journeys in two interface languages: the onboarding, a conversation, a review and the
 * admin's members and AI providers pages, in Spanish and in German (the longest words), on a phone (390 × 844) with the
 * page checks (no sideways scrolling, no axe violation) on each. The words asserted are read from the
 * catalogues, so the test follows a reworded message and fails on a page that stayed in English.
 */
const phone = checkSizes.find((size) => size.name === 'phone') ?? checkSizes[1];

const languages = [
  {
    code: 'es',
    target: 'it',
    onboarding: onboardingEs,
    list: listEs,
    chat: chatEs,
    vocabulary: vocabularyEs,
    admin: adminEs,
    providers: providersEs,
  },
  {
    code: 'de',
    target: 'es',
    onboarding: onboardingDe,
    list: listDe,
    chat: chatDe,
    vocabulary: vocabularyDe,
    admin: adminDe,
    providers: providersDe,
  },
] as const;

async function settled(page: Page): Promise<void> {
  await expect(page.locator('h1').first()).toBeVisible();
  await expect(page.locator('.page-loading')).toHaveCount(0);
}

for (const language of languages) {
  test(`the onboarding, a conversation, a review, the members and providers pages in ${language.code}`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const username = `intl-${language.code}`;
    const ownerCsrf = await signInByApi(page.request, owner.username, owner.password);
    const created = await page.request.post('/api/admin/members', {
      data: { username, password: learnerPassword, interfaceLanguage: language.code },
      headers: { 'x-csrf-token': ownerCsrf },
    });
    expect(created.ok(), await created.text()).toBe(true);
    const csrf = await signInByApi(page.request, username, learnerPassword);
    const headers = { 'x-csrf-token': csrf };
    await page.setViewportSize({ width: phone.width, height: phone.height });

    // The onboarding, in the language the admin chose for the new member.
    await page.goto('/onboarding');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      language.onboarding.welcome.replace('{name}', username),
    );
    await expect(page.getByRole('button', { name: language.onboarding.submit })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(language.code);
    await checkPageAt(page, phone, () => settled(page));
    const onboarded = await page.request.patch('/api/me/profile', {
      data: {
        nativeLanguage: language.code,
        targetLanguages: [{ language: language.target, level: 'A2' }],
        dailyGoalMinutes: 15,
        completeOnboarding: true,
      },
      headers,
    });
    expect(onboarded.ok()).toBe(true);

    // A conversation: started from the list's dialog, one message sent, the reply read.
    await scriptFakeLlm(page.request, [
      {
        label: 'reply',
        contains: 'vorrei praticare',
        structured: false,
        text: 'Certo, pratichiamo insieme!',
      },
      { label: 'reply', contains: 'quiero practicar', structured: false, text: '¡Claro, practiquemos!' },
    ]);
    await page.goto('/conversations');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(language.list.title);
    await page.getByRole('button', { name: language.list.new }).first().click();
    const dialog = page.getByRole('dialog', { name: language.list['new.title'] });
    await dialog.getByRole('button', { name: language.list['new.start'] }).click();
    await waitForOpening(page);
    const box = page.locator('.composer textarea');
    await box.fill(language.target === 'it' ? 'Ciao, vorrei praticare.' : 'Hola, quiero practicar.');
    // The Send button in this language sends it; the tutor's new reply (the second tutor message) ends.
    await page.getByRole('button', { name: language.chat['composer.send'] }).click();
    await expect(page.locator('li.message-tutor').nth(1)).toHaveAttribute('data-status', 'complete');
    await expect(page.getByRole('link', { name: language.chat['screen.back'] })).toBeVisible();
    await checkPageAt(page, phone, () => settled(page));

    // A review: a card due now, shown, revealed and rated.
    const deck = await page.request.post('/api/vocabulary/decks', {
      data: { name: 'Viaggio', language: language.target },
      headers,
    });
    const deckId = ((await deck.json()) as { deck: { id: string } }).deck.id;
    const card = await page.request.post('/api/vocabulary/cards', {
      data: {
        deckId,
        term: language.target === 'it' ? 'la stazione' : 'la estación',
        translation: 'station',
        exampleSentence: '',
        notes: '',
      },
      headers,
    });
    expect(card.ok(), await card.text()).toBe(true);
    await page.goto('/vocabulary');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(language.vocabulary.title);
    await page.getByRole('button', { name: language.vocabulary['review.showAnswer'] }).click();
    await expect(
      page.getByRole('button', { name: new RegExp(`^${language.vocabulary['rating.good']}`) }),
    ).toBeVisible();
    await checkPageAt(page, phone, () => settled(page));
    await page.getByRole('button', { name: new RegExp(`^${language.vocabulary['rating.good']}`) }).click();
    await expect(page.locator('.review-done')).toBeVisible();

    // The admin's members page, in the owner's language for once (set back afterwards: other journeys
    // share the owner).
    const ownerAgain = await signInByApi(page.request, owner.username, owner.password);
    const ownerHeaders = { 'x-csrf-token': ownerAgain };
    await page.request.patch('/api/me/profile', {
      data: { interfaceLanguage: language.code },
      headers: ownerHeaders,
    });
    try {
      await page.goto('/admin/members');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(language.admin['members.title']);
      await expect(page.locator('.members-table')).toContainText(username);
      await expect(page.getByRole('heading', { name: language.admin['create.title'] })).toBeVisible();
      await checkPageAt(page, phone, () => settled(page));

      // The AI providers page, with the "paste a key" form open (its long German compounds).
      await page.goto('/admin/providers#add-key');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(language.providers.title);
      await expect(page.getByRole('heading', { name: language.providers['chains.title'] })).toBeVisible();
      await expect(page.getByRole('heading', { name: language.providers['local.title'] })).toBeVisible();
      await expect(
        page.getByRole('button', { name: language.providers['chains.addLanguage'] }),
      ).toBeVisible();
      await checkPageAt(page, phone, () => settled(page));
    } finally {
      await page.request.patch('/api/me/profile', {
        data: { interfaceLanguage: 'en' },
        headers: ownerHeaders,
      });
    }
  });
}
