import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { expect, test } from '@playwright/test';
import { readZip } from '../../server/vocabulary/zip.ts';
import { checkPage } from './page-checks.ts';
import { screenshot, scriptFakeLlm, useLearner, waitForOpening } from './support.ts';

// Each journey walks through several pages and conversations: more than the default 30 s on a
// loaded two-core machine.
test.describe.configure({ timeout: 60_000 });

/** Every journey of this file is Carla's (a Spanish learner at A2). */
const learner = (request: Parameters<typeof useLearner>[0]) =>
  useLearner(request, 'carla', { target: 'es', level: 'A2' });

const csv = [
  'term,translation,example sentence,notes',
  'el ajo,garlic,"Pica el ajo, por favor.",',
  'la cebolla,onion,,',
  ',no word here,,',
].join('\n');

/** The notes of an Anki package as [front, back, example] triples, read from its SQLite collection. */
function ankiNotes(file: string, scratch: string): { deckNames: string[]; notes: string[][] } {
  const collection = readZip(readFileSync(file)).find((entry) => entry.name === 'collection.anki2');
  expect(collection, 'the package holds collection.anki2').toBeDefined();
  writeFileSync(scratch, collection!.data);
  const db = new DatabaseSync(scratch, { readOnly: true });
  try {
    const notes = (db.prepare('select flds from notes order by id').all() as { flds: string }[]).map((row) =>
      row.flds.split('\x1f').slice(0, 3),
    );
    const decks = JSON.parse(
      (db.prepare('select decks from col').get() as { decks: string }).decks,
    ) as Record<string, { name: string }>;
    return { deckNames: Object.values(decks).map((deck) => deck.name), notes };
  } finally {
    db.close();
    rmSync(scratch, { force: true });
  }
}

/**
 * A correction from a conversation becomes a card (pre-filled, edited before saving) in the learner's
 * first Spanish deck, made for it, then is reviewed
 * in each of the review page's modes — flip, type the word, fill the sentence — taking the rating back
 * between them, and edited from the review itself.
 */
test('a card made from a correction is reviewed in every review mode', async ({ page }) => {
  const csrf = await learner(page.request);
  await scriptFakeLlm(page.request, [
    {
      label: 'cine reply',
      contains: 'yo ir al cine',
      structured: false,
      text: '¡Qué divertido! ¿Qué película viste?',
    },
    {
      label: 'cine feedback',
      contains: 'yo ir al cine',
      structured: true,
      json: {
        corrections: [
          {
            original: 'yo ir',
            corrected: 'fui',
            category: 'verb-tense',
            explanation: 'Yesterday is finished: the preterite, fui.',
            severity: 'major',
            cardFront: 'fui',
            translation: 'I went',
          },
          {
            original: 'mis amigo',
            corrected: 'mis amigos',
            category: 'agreement',
            explanation: 'Mis is plural: mis amigos.',
            severity: 'moderate',
            cardFront: 'mis amigos',
            translation: 'my friends',
          },
        ],
        rephrasing: null,
        newVocabulary: [],
        goalsMet: [],
      },
    },
  ]);
  const created = await page.request.post('/api/conversations', {
    data: { language: 'es', correctionPolicy: 'all' },
    headers: { 'x-csrf-token': csrf },
  });
  expect(created.status()).toBe(201);
  await page.goto(`/conversations/${(await created.json()).conversation.id}`);
  await waitForOpening(page);
  const box = page.getByLabel('Your message in Spanish');
  await box.fill('Ayer yo ir al cine con mis amigo.');
  await box.press('Enter');
  await expect(page.locator('li.message-tutor').last().locator('.message-text')).toContainText(
    'Qué película viste',
  );
  const feedback = page.locator('li.message-learner').first().getByTestId('feedback');
  await feedback.getByRole('button', { name: /yo ir/ }).click();
  await feedback.getByRole('button', { name: 'Add to deck' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add to your deck' });
  await expect(dialog.getByLabel('Front')).toHaveValue('fui');
  await expect(dialog.getByLabel('Translation')).toHaveValue('I went');
  await expect(dialog.getByLabel(/Example/)).toHaveValue('Ayer fui al cine con mis amigos.');
  await dialog.getByLabel(/Notes/).fill('ir, pretérito');
  await dialog.getByRole('button', { name: 'Add card' }).click();
  await expect(feedback.getByRole('button', { name: 'In your deck' })).toBeVisible();

  const found = (await (await page.request.get('/api/vocabulary/cards?q=fui')).json()).cards as {
    deckId: string;
    term: string;
    notes: string;
  }[];
  expect(found).toHaveLength(1);
  expect(found[0]).toMatchObject({ term: 'fui', notes: 'ir, pretérito' });

  // Its deck's review: the card alone.
  await page.goto(`/vocabulary?deck=${found[0]!.deckId}`);
  const card = page.locator('.review-card');
  const done = page.getByRole('heading', { name: 'Well done — nothing else is due.' });

  // Flip: the front, then the back with the example and the note.
  await expect(card.locator('.review-term')).toContainText('fui');
  await page.keyboard.press('Space');
  await expect(card.locator('.review-translation')).toHaveText('I went');
  await expect(card.locator('.review-example')).toContainText('Ayer fui al cine con mis amigos.');
  await expect(card).toContainText('ir, pretérito');
  await checkPage(page, () => expect(card.locator('.review-translation')).toBeVisible());
  await screenshot(page, 'cards-03-review-flip');
  await page.keyboard.press('3');
  await expect(done).toBeVisible();
  await page.keyboard.press('u');
  await expect(page.getByRole('status').filter({ hasText: 'Took back' })).toHaveText(/fui/);
  await expect(card.locator('.review-term')).toContainText('fui');

  // Type the word from its translation: a wrong answer is marked wrong, with the right one shown.
  await page.getByLabel('Type the word').check();
  await expect(card.locator('.review-prompt')).toHaveText('I went');
  await expect(card.locator('.review-cloze')).toHaveCount(0);
  await expect(card.getByLabel('Your answer')).toBeFocused();
  await card.getByLabel('Your answer').fill('iba');
  await page.keyboard.press('Enter');
  await expect(card.locator('.review-verdict')).toHaveText(/^Not quite\.\s*fui/);
  await page.keyboard.press('1');
  await expect(page.getByRole('status').filter({ hasText: 'Rated Again.' })).toHaveCount(1);
  await page.keyboard.press('u');
  await expect(page.getByRole('status').filter({ hasText: 'Took back' })).toHaveText(/fui/);
  await expect(card.locator('.review-prompt')).toHaveText('I went');

  // Edit it from the review: a clearer translation, used as the prompt at once.
  await page.getByRole('button', { name: 'Edit card' }).click();
  const editor = page.getByRole('dialog', { name: 'Edit card' });
  await editor.getByLabel('Translation').fill('I went (once, in the past)');
  await editor.getByRole('button', { name: 'Save card' }).click();
  await expect(editor).toHaveCount(0);

  // Fill the sentence: the example with a gap where the word goes.
  await page.getByLabel('Fill the sentence').check();
  await expect(card.locator('.review-prompt')).toHaveText('I went (once, in the past)');
  await expect(card.locator('.review-cloze')).toHaveText('Ayer _____ al cine con mis amigos.');
  await card.getByLabel('Your answer').fill('fui');
  await page.keyboard.press('Enter');
  await expect(card.locator('.review-verdict')).toHaveText(/^Correct\.\s*fui/);
  await screenshot(page, 'cards-04-review-cloze');
  await page.keyboard.press('3');
  await expect(done).toBeVisible();

  // One review stands (the two taken back are gone), and the edit was saved.
  const stats = await (await page.request.get('/api/vocabulary/stats')).json();
  expect(stats.reviewsToday).toBe(1);
  const after = (await (await page.request.get('/api/vocabulary/cards?q=fui')).json()).cards;
  expect(after[0]).toMatchObject({ translation: 'I went (once, in the past)' });
  expect(after[0].schedule.state).not.toBe('new');
});

/**
 * A deck filled from a CSV file (previewed first, a bad row reported, a second import finding only
 * duplicates), a word edited, and the deck exported as CSV and as an Anki package whose contents are
 * read back.
 */
test('a learner imports words from CSV, edits one, and exports the deck as CSV and for Anki', async ({
  page,
}, testInfo) => {
  const csrf = await learner(page.request);
  const deck = await page.request.post('/api/vocabulary/decks', {
    data: { language: 'es', name: 'Cocina básica' },
    headers: { 'x-csrf-token': csrf },
  });
  expect(deck.status()).toBe(201);
  await page.goto(`/vocabulary/decks/${(await deck.json()).deck.id}`);
  await expect(page.getByRole('heading', { name: 'Cocina básica', level: 1 })).toBeVisible();

  // A file, previewed: two rows ready, one without a word.
  const file = { name: 'cocina.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) };
  await page.getByLabel('CSV file').setInputFiles(file);
  await expect(page.getByLabel('…or paste the rows')).toHaveValue(csv);
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  await expect(page.getByText('2 ready · 0 already there · 1 with errors')).toBeVisible();
  const rows = page.getByRole('region', { name: 'Rows to import' }).locator('tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText('el ajo');
  await expect(rows.nth(0)).toContainText('Ready');
  await expect(rows.nth(2)).not.toContainText('Ready');
  await checkPage(page, () => expect(rows).toHaveCount(3));
  await screenshot(page, 'cards-01-csv-preview');
  await page.getByRole('button', { name: 'Import 2 words' }).click();
  await expect(
    page.getByText('Imported 2 words; skipped 0 already in the deck and 1 row with errors.'),
  ).toBeVisible();
  const words = page.locator('.word-list');
  await expect(words.locator('.word-term')).toHaveText(['la cebolla', 'el ajo']);
  await expect(page.getByText('Spanish · 2 cards')).toBeVisible();

  // The same file again: nothing new to import.
  await page.getByLabel('CSV file').setInputFiles(file);
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  await expect(page.getByText('0 ready · 2 already there · 1 with errors')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Import 0 words' })).toBeDisabled();

  // Edit a word: a translation made clearer and an example added; it stays after a reload.
  await page.getByRole('button', { name: 'Edit la cebolla' }).click();
  const editor = page.getByRole('dialog', { name: 'Edit card' });
  await expect(editor.getByLabel('Front')).toHaveValue('la cebolla');
  await editor.getByLabel('Translation').fill('the onion');
  await editor.getByLabel(/Example/).fill('Corta la cebolla en trozos.');
  await editor.getByRole('button', { name: 'Save card' }).click();
  await expect(editor).toHaveCount(0);
  await expect(words.locator('.word-item', { hasText: 'la cebolla' })).toContainText('the onion');
  await page.reload();
  await expect(words.locator('.word-item', { hasText: 'la cebolla' })).toContainText('the onion');

  // Export as CSV: the header, both words in the order they were added, the edit included.
  const [csvDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV of Cocina básica' }).click(),
  ]);
  // Named after the deck, accents and all.
  expect(csvDownload.suggestedFilename()).toBe('Cocina básica.csv');
  const exported = readFileSync(await csvDownload.path(), 'utf8');
  expect(exported.trimEnd().split('\r\n')).toEqual([
    'term,translation,example sentence,notes,part of speech,gender',
    'el ajo,garlic,"Pica el ajo, por favor.",,,',
    'la cebolla,the onion,Corta la cebolla en trozos.,,,',
  ]);

  // Export to Anki: a package whose collection has the deck and both notes.
  const [ankiDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export to Anki (Cocina básica)' }).click(),
  ]);
  expect(ankiDownload.suggestedFilename()).toBe('Cocina básica.apkg');
  const apkg = testInfo.outputPath('deck.apkg');
  await ankiDownload.saveAs(apkg);
  const { deckNames, notes } = ankiNotes(apkg, testInfo.outputPath('collection.anki2'));
  expect(deckNames).toContain('Cocina básica');
  expect(notes).toEqual([
    ['el ajo', 'garlic', 'Pica el ajo, por favor.'],
    ['la cebolla', 'the onion', 'Corta la cebolla en trozos.'],
  ]);
  await screenshot(page, 'cards-02-deck-exported');
});
