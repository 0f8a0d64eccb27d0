import { expect, type Page, test } from '@playwright/test';
import { checkPage } from './page-checks.ts';
import { fakeLlmControl, screenshot, scriptFakeLlm, sendAndWaitForReply, useLearner } from './support.ts';

// Each journey walks through several pages and conversations: more than the default 30 s on a
// loaded two-core machine.
test.describe.configure({ timeout: 60_000 });

/** Every journey of this file is Mateo's (a Spanish learner at A2, native English). */
const learner = (request: Parameters<typeof useLearner>[0]) =>
  useLearner(request, 'mateo', { target: 'es', level: 'A2' });

const opening = 'has just opened this conversation';

/**
 * Starts a conversation in a mode from the New conversation dialog, with the mode's subject when it
 * has one, and waits for the tutor's opening (scripted by the caller to match the mode's prompt: a
 * reply from any other prompt would be the fake's default text, and the caller's assertions fail).
 */
async function startInMode(page: Page, mode: RegExp, subject?: { label: string; value: string }) {
  await page.goto('/conversations');
  await page.getByRole('button', { name: 'New conversation' }).click();
  const dialog = page.getByRole('dialog', { name: 'New conversation' });
  await dialog.getByRole('radio', { name: mode }).check();
  if (subject) await dialog.getByLabel(subject.label).fill(subject.value);
  await dialog.getByRole('button', { name: 'Start conversation' }).click();
  await expect(page).toHaveURL(/\/conversations\/[0-9a-f-]{36}$/);
  await expect(page.locator('li.message-tutor').first()).toHaveAttribute('data-status', 'complete');
}

async function send(page: Page, text: string) {
  await sendAndWaitForReply(page, page.getByLabel('Your message in Spanish'), text);
}

/**
 * Interview practice: the interviewer for the learner's job asks, and every mistake in the answer is
 * shown (the mode corrects everything, minor slips included). Negotiation: the counterpart pushes
 * back, and "Finish" gives the session's summary.
 */
test('interview and negotiation: each mode sets the tutor up and shows its feedback', async ({ page }) => {
  await learner(page.request);
  await scriptFakeLlm(page.request, [
    {
      label: 'interview title',
      system: 'Name this Spanish',
      structured: false,
      text: 'Entrevista de camarero',
    },
    {
      label: 'interview opening',
      contains: opening,
      system:
        'Mode: interview practice. You are a professional interviewer for this job or field: “camarero”',
      structured: false,
      text: 'Buenos días, gracias por venir. ¿Por qué quiere trabajar de camarero?',
    },
    {
      label: 'interview reply',
      contains: 'me gusta mucho la gente',
      structured: false,
      text: 'Muy bien. ¿Qué hacía usted en ese bar?',
    },
    {
      label: 'interview feedback',
      contains: 'me gusta mucho la gente',
      structured: true,
      json: {
        corrections: [
          {
            original: 'yo trabajo en un bar el año pasado',
            corrected: 'trabajé en un bar el año pasado',
            category: 'verb-tense',
            explanation: 'Last year is finished: trabajé.',
            severity: 'minor',
          },
        ],
        rephrasing: null,
        newVocabulary: [],
        goalsMet: [],
      },
    },
  ]);
  await startInMode(page, /Interview practice/, { label: 'Job or field', value: 'camarero' });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Interview practice: camarero (Spanish)');
  await expect(page.locator('li.message-tutor').first()).toContainText(
    '¿Por qué quiere trabajar de camarero?',
  );
  await expect(page.getByRole('complementary', { name: 'Session' })).toBeVisible();
  await send(page, 'Porque me gusta mucho la gente y yo trabajo en un bar el año pasado.');
  await expect(page.locator('li.message-tutor').last()).toContainText('¿Qué hacía usted en ese bar?');
  const feedback = page.locator('li.message-learner').last().getByTestId('feedback');
  await expect(feedback.locator('del')).toHaveText('yo trabajo en un bar el año pasado');
  await expect(feedback.locator('ins')).toHaveText('trabajé en un bar el año pasado');
  await screenshot(page, 'modes-01-interview');

  await scriptFakeLlm(page.request, [
    { label: 'negotiation title', system: 'Name this Spanish', structured: false, text: 'Un coche usado' },
    {
      label: 'negotiation opening',
      contains: opening,
      system: 'Mode: negotiation. You are the counterpart in a negotiation about “el precio de un coche”',
      structured: false,
      text: 'Este coche está casi nuevo. Lo vendo por 9000 euros.',
    },
    {
      label: 'negotiation reply',
      contains: 'Le ofrezco',
      structured: false,
      text: '¿7000? No, es muy poco. Puedo bajar a 8500 euros, pero no más.',
    },
    {
      label: 'negotiation feedback',
      contains: 'Le ofrezco',
      structured: true,
      json: { corrections: [], rephrasing: null, newVocabulary: [], goalsMet: [] },
    },
    {
      label: 'negotiation summary',
      system: 'closing advice',
      structured: true,
      json: { suggestion: 'You held your ground. Next time, give a reason for your offer.' },
    },
  ]);
  await startInMode(page, /Negotiation/, {
    label: 'What is being negotiated',
    value: 'el precio de un coche',
  });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Negotiation: el precio de un coche (Spanish)',
  );
  await expect(page.locator('li.message-tutor').first()).toContainText('Lo vendo por 9000 euros.');
  await send(page, 'Le ofrezco 7000 euros porque el coche es viejo.');
  await expect(page.locator('li.message-tutor').last()).toContainText('Puedo bajar a 8500 euros');
  await expect(page.locator('li.message-learner').last().getByTestId('feedback')).toHaveText(
    /No corrections\./,
  );
  await page.getByRole('button', { name: 'Finish and see the summary' }).click();
  const summary = page.getByTestId('conversation-summary');
  await expect(summary.locator('.summary-suggestion')).toHaveText(
    'You held your ground. Next time, give a reason for your offer.',
  );
  await expect(page.getByRole('button', { name: 'Finish and see the summary' })).toHaveCount(0);
  await screenshot(page, 'modes-02-negotiation-summary');
});

/**
 * Teacher mode gives a lesson whose table renders as a table; the vocabulary builder works the
 * learner's own due words in and shows only word-choice corrections; grammar focus aims at the
 * learner's most frequent kind of mistake so far.
 */
test('teacher, vocabulary and grammar modes: a lesson table, due words, and the frequent mistakes', async ({
  page,
}) => {
  const csrf = await learner(page.request);
  const headers = { 'x-csrf-token': csrf };
  // A word due for review, for the vocabulary builder to work in.
  const deck = await page.request.post('/api/vocabulary/decks', {
    data: { language: 'es', name: 'Fruta' },
    headers,
  });
  const card = await page.request.post('/api/vocabulary/cards', {
    data: { deckId: (await deck.json()).deck.id, term: 'la sandía', translation: 'the watermelon' },
    headers,
  });
  expect(card.status()).toBe(201);

  await scriptFakeLlm(page.request, {
    label: 'teacher opening',
    contains: opening,
    system: 'Mode: teacher. Give a structured mini-lesson on “el pretérito”',
    structured: false,
    text: [
      'Hoy vemos **el pretérito**: acciones terminadas.',
      '',
      '| Persona | hablar | comer |',
      '|---|---|---|',
      '| yo | hablé | comí |',
      '| tú | hablaste | comiste |',
      '',
      '¿Cómo se dice *I ate* en español?',
    ].join('\n'),
  });
  await startInMode(page, /Teacher mode/, { label: 'Lesson topic', value: 'el pretérito' });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Teacher mode: el pretérito (Spanish)');
  const lesson = page.locator('li.message-tutor').first();
  const table = lesson.getByRole('table');
  await expect(table.getByRole('columnheader')).toHaveText(['Persona', 'hablar', 'comer']);
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(table.getByRole('row').nth(1).getByRole('cell')).toHaveText(['yo', 'hablé', 'comí']);
  await expect(lesson.locator('strong')).toHaveText('el pretérito');
  await expect(lesson).not.toContainText('|---|');
  await checkPage(page, () => expect(table).toBeVisible());
  await screenshot(page, 'modes-03-teacher-table');

  await scriptFakeLlm(page.request, [
    { label: 'vocabulary title', system: 'Name this Spanish', structured: false, text: 'Frutas de verano' },
    {
      label: 'vocabulary opening',
      contains: opening,
      system:
        'Work these words the learner is reviewing into the conversation naturally, two or three per reply, and ask questions that make the learner use them: la sandía',
      structured: false,
      text: 'En verano me encanta comer la sandía. ¿Y a ti?',
    },
    {
      label: 'vocabulary reply',
      contains: 'compro un sandía',
      structured: false,
      text: '¡Qué rica! ¿Dónde la compraste?',
    },
    {
      label: 'vocabulary feedback',
      contains: 'compro un sandía',
      structured: true,
      json: {
        corrections: [
          {
            original: 'un sandía',
            corrected: 'una sandía',
            category: 'gender',
            explanation: 'Sandía is feminine.',
            severity: 'moderate',
          },
          {
            original: 'yo voy',
            corrected: 'fui',
            category: 'verb-tense',
            explanation: 'Yesterday: the preterite, fui.',
            severity: 'major',
          },
          {
            original: 'yo compro',
            corrected: 'compré',
            category: 'verb-tense',
            explanation: 'Yesterday: the preterite, compré.',
            severity: 'major',
          },
        ],
        rephrasing: null,
        newVocabulary: [],
        goalsMet: [],
      },
    },
  ]);
  await startInMode(page, /Vocabulary builder/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vocabulary builder (Spanish)');
  await expect(page.locator('li.message-tutor').first()).toContainText('me encanta comer la sandía');
  await send(page, 'Ayer yo voy al mercado y yo compro un sandía muy grande.');
  const wordFeedback = page.locator('li.message-learner').last().getByTestId('feedback');
  // Word choice, gender and spelling only: the tense slips are held back, one click away.
  await expect(wordFeedback.locator('del')).toHaveText(['un sandía']);
  await wordFeedback.getByRole('button', { name: 'Show 2 more' }).click();
  await expect(wordFeedback.locator('del')).toHaveCount(3);
  expect((await wordFeedback.locator('del').allInnerTexts()).sort()).toEqual([
    'un sandía',
    'yo compro',
    'yo voy',
  ]);

  await scriptFakeLlm(page.request, {
    label: 'grammar opening',
    contains: opening,
    // The tense mistakes above (and the interview's, in a whole run) outnumber the one of gender.
    system: 'need the structures behind the learner’s frequent mistakes (verb tense, gender)',
    structured: false,
    text: '¿Qué hiciste el fin de semana pasado? Cuéntame con detalle.',
  });
  await startInMode(page, /Grammar focus/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Grammar focus (Spanish)');
  await expect(page.locator('li.message-tutor').first()).toContainText(
    '¿Qué hiciste el fin de semana pasado?',
  );
  // The lesson's preview in the list is plain text: no Markdown marks, no table rule.
  await page.goto('/conversations');
  const preview = page
    .locator('.conversation-item', {
      has: page.getByRole('link', { name: 'Teacher mode: el pretérito (Spanish)' }),
    })
    .locator('.conversation-preview');
  await expect(preview).toContainText('Hoy vemos el pretérito: acciones terminadas.');
  await expect(preview).not.toContainText('**');
  await expect(preview).not.toContainText('|---');
});

/**
 * Explain mode: the learner asks about the language in English and the answer comes in English;
 * corrections are off, so the question is neither analysed nor marked.
 */
test('explain mode answers in the native language and does not correct the question', async ({ page }) => {
  await learner(page.request);
  await scriptFakeLlm(page.request, [
    { label: 'explain title', system: 'Name this Spanish', structured: false, text: 'Ser y estar' },
    {
      label: 'explain opening',
      contains: opening,
      system:
        'Mode: explain. The learner asks questions about Spanish: grammar, words, usage, culture. Answer in English',
      structured: false,
      text: 'Hi! Ask me anything about Spanish: grammar, words or culture.',
    },
    {
      label: 'explain reply',
      contains: 'ser and estar',
      structured: false,
      text: 'Use **ser** for what something is, and **estar** for states and places:\n\n- *Soy alto.* I am tall.\n- *Estoy cansado.* I am tired.',
    },
  ]);
  await startInMode(page, /Explain/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Explain (Spanish)');
  await expect(page.locator('li.message-tutor').first()).toContainText('Ask me anything about Spanish');
  await send(page, 'Please tell me when use ser and estar?');
  const answer = page.locator('li.message-tutor').last();
  await expect(answer.locator('li')).toHaveText(['Soy alto. I am tall.', 'Estoy cansado. I am tired.']);
  await expect(answer.locator('strong')).toHaveText(['ser', 'estar']);
  // No analysis was asked for, and the English question carries no "write in Spanish" notice.
  const analyses = (await (await page.request.get(`${fakeLlmControl}/requests`)).json()).requests.filter(
    (record: { structured: boolean; body: unknown }) =>
      record.structured && JSON.stringify(record.body).includes('when use ser and estar'),
  );
  expect(analyses).toEqual([]);
  await page.reload();
  await expect(page.locator('li.message-learner').last()).toContainText('when use ser and estar');
  await expect(page.locator('li.message-learner').last().getByTestId('feedback')).toHaveCount(0);
  await screenshot(page, 'modes-04-explain');
});
