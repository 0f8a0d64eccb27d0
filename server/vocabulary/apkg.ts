import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { findOwnDeck } from './decks.ts';
import type { VocabularyDeps } from './deps.ts';
import { writeZip } from './zip.ts';

/**
 * Anki package export (`.apkg`): a ZIP holding `collection.anki2`, an Anki 2.1 collection in the
 * schema-11 layout every Anki version imports, and `media` (a JSON map, empty: cards carry no
 * files). Cards already studied keep their schedule as Anki review cards with their FSRS memory
 * state in `cards.data` (`s` stability, `d` difficulty); new cards stay new.
 */

const schema = `
create table col (id integer primary key, crt integer not null, mod integer not null, scm integer not null,
  ver integer not null, dty integer not null, usn integer not null, ls integer not null, conf text not null,
  models text not null, decks text not null, dconf text not null, tags text not null);
create table notes (id integer primary key, guid text not null, mid integer not null, mod integer not null,
  usn integer not null, tags text not null, flds text not null, sfld integer not null, csum integer not null,
  flags integer not null, data text not null);
create table cards (id integer primary key, nid integer not null, did integer not null, ord integer not null,
  mod integer not null, usn integer not null, type integer not null, queue integer not null, due integer not null,
  ivl integer not null, factor integer not null, reps integer not null, lapses integer not null,
  left integer not null, odue integer not null, odid integer not null, flags integer not null, data text not null);
create table revlog (id integer primary key, cid integer not null, usn integer not null, ease integer not null,
  ivl integer not null, lastIvl integer not null, factor integer not null, time integer not null,
  type integer not null);
create table graves (usn integer not null, oid integer not null, type integer not null);
create index ix_notes_usn on notes (usn);
create index ix_cards_usn on cards (usn);
create index ix_revlog_usn on revlog (usn);
create index ix_cards_nid on cards (nid);
create index ix_cards_sched on cards (did, queue, due);
create index ix_revlog_cid on revlog (cid);
create index ix_notes_csum on notes (csum);
`;

export const apkgFieldNames = ['Term', 'Translation', 'Example', 'Notes', 'Part of speech', 'Gender'];

/** A stable positive integer id from text, so a re-export updates the same Anki deck and note type. */
function stableId(text: string): number {
  const hash = createHash('sha1').update(text).digest();
  // 41 bits: a millisecond-timestamp-sized number, as Anki's own ids are.
  return 1_000_000_000_000 + (hash.readUIntBE(0, 6) % 1_000_000_000_000);
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('\n', '<br>');
}

/** Anki's note checksum: the first 8 hex digits of the SHA-1 of the (HTML-free) sort field. */
export function fieldChecksum(text: string): number {
  return Number.parseInt(createHash('sha1').update(text).digest('hex').slice(0, 8), 16);
}

function noteGuid(cardId: string): string {
  return createHash('sha1').update(`charla:${cardId}`).digest('base64').slice(0, 10);
}

const cardStyle = `.card { font-family: system-ui, sans-serif; font-size: 24px; text-align: center; color: #1f2933; background: #fff; }
.example { font-size: 18px; color: #52606d; margin-top: 12px; }
.notes { font-size: 16px; color: #7b8794; margin-top: 8px; }`;

function noteType(modelId: number, deckId: number, modSeconds: number) {
  return {
    id: modelId,
    name: 'Charla vocabulary',
    type: 0,
    mod: modSeconds,
    usn: -1,
    sortf: 0,
    did: deckId,
    tmpls: [
      {
        name: 'Recognition',
        ord: 0,
        qfmt: '{{Term}}',
        afmt: '{{FrontSide}}<hr id=answer>{{Translation}}{{#Example}}<div class="example">{{Example}}</div>{{/Example}}{{#Notes}}<div class="notes">{{Notes}}</div>{{/Notes}}',
        bqfmt: '',
        bafmt: '',
        did: null,
        bfont: '',
        bsize: 0,
      },
    ],
    flds: apkgFieldNames.map((name, ord) => ({
      name,
      ord,
      sticky: false,
      rtl: false,
      font: 'Arial',
      size: 20,
      media: [],
    })),
    css: cardStyle,
    latexPre:
      '\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n',
    latexPost: '\\end{document}',
    latexsvg: false,
    req: [[0, 'any', [0]]],
    tags: [],
    vers: [],
  };
}

function deckJson(id: number, name: string, description: string, modSeconds: number) {
  return {
    id,
    name,
    mod: modSeconds,
    usn: -1,
    lrnToday: [0, 0],
    revToday: [0, 0],
    newToday: [0, 0],
    timeToday: [0, 0],
    collapsed: false,
    browserCollapsed: false,
    desc: description,
    dyn: 0,
    conf: 1,
    extendNew: 0,
    extendRev: 0,
  };
}

const defaultDeckConfig = {
  '1': {
    id: 1,
    name: 'Default',
    mod: 0,
    usn: 0,
    maxTaken: 60,
    autoplay: true,
    timer: 0,
    replayq: true,
    dyn: false,
    new: {
      bury: true,
      delays: [1, 10],
      initialFactor: 2500,
      ints: [1, 4, 7],
      order: 1,
      perDay: 20,
      separate: true,
    },
    rev: { bury: true, ease4: 1.3, fuzz: 0.05, ivlFct: 1, maxIvl: 36500, minSpace: 1, perDay: 200 },
    lapse: { delays: [10], leechAction: 0, leechFails: 8, minInt: 1, mult: 0 },
  },
};

/** Anki revlog type from the FSRS state before the review: 0 learn, 1 review, 2 relearn. */
function revlogType(stateBefore: number): number {
  if (stateBefore === 2) return 1;
  if (stateBefore === 3) return 2;
  return 0;
}

/** Builds the `.apkg` of one deck: its notes and cards, their schedule and their review history. */
export async function buildDeckApkg(deps: VocabularyDeps, userId: string, deckId: string) {
  const deck = await findOwnDeck(deps.db, userId, deckId);
  const cards = await deps.db
    .selectFrom('vocabulary_cards')
    .selectAll()
    .where('deck_id', '=', deck.id)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const logs = await deps.db
    .selectFrom('vocabulary_review_logs')
    .innerJoin('vocabulary_cards', 'vocabulary_cards.id', 'vocabulary_review_logs.card_id')
    .select([
      'vocabulary_review_logs.card_id',
      'vocabulary_review_logs.rating',
      'vocabulary_review_logs.state',
      'vocabulary_review_logs.scheduled_days',
      'vocabulary_review_logs.elapsed_days',
      'vocabulary_review_logs.reviewed_at',
      'vocabulary_review_logs.duration_ms',
    ])
    .where('vocabulary_cards.deck_id', '=', deck.id)
    .orderBy('vocabulary_review_logs.reviewed_at')
    .execute();

  const now = deps.clock.now();
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const dayStart = Math.floor(now.getTime() / 86_400_000) * 86_400;
  const ankiDeckId = stableId(`deck:${deck.id}`);
  const modelId = stableId('model:charla-vocabulary-v1');

  const directory = await mkdtemp(join(tmpdir(), 'charla-apkg-'));
  try {
    const path = join(directory, 'collection.anki2');
    const db = new DatabaseSync(path);
    try {
      db.exec(schema);
      db.exec('begin');
      const decks = {
        '1': deckJson(1, 'Default', '', nowSeconds),
        [String(ankiDeckId)]: deckJson(ankiDeckId, deck.name, deck.description, nowSeconds),
      };
      const conf = {
        nextPos: cards.length + 1,
        estTimes: true,
        activeDecks: [1],
        sortType: 'noteFld',
        timeLim: 0,
        sortBackwards: false,
        addToCur: true,
        curDeck: 1,
        newBury: true,
        newSpread: 0,
        dueCounts: true,
        curModel: String(modelId),
        collapseTime: 1200,
      };
      db.prepare(
        'insert into col (id, crt, mod, scm, ver, dty, usn, ls, conf, models, decks, dconf, tags) values (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, ?)',
      ).run(
        dayStart,
        now.getTime(),
        now.getTime(),
        JSON.stringify(conf),
        JSON.stringify({ [String(modelId)]: noteType(modelId, ankiDeckId, nowSeconds) }),
        JSON.stringify(decks),
        JSON.stringify(defaultDeckConfig),
        '{}',
      );
      const insertNote = db.prepare(
        'insert into notes (id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data) values (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, ?)',
      );
      const insertCard = db.prepare(
        'insert into cards (id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, flags, data) values (?, ?, ?, 0, ?, -1, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, ?)',
      );
      const ankiCardIds = new Map<string, number>();
      const base = now.getTime();
      cards.forEach((card, index) => {
        const noteId = base + index;
        const cardId = base + index;
        ankiCardIds.set(card.id, cardId);
        const fields = [
          card.term,
          card.translation,
          card.example_sentence,
          card.notes,
          card.part_of_speech ?? '',
          card.gender ?? '',
        ].map(escapeHtml);
        const tags = ` charla ${card.source}${card.language ? ` ${card.language}` : ''} `;
        insertNote.run(
          noteId,
          noteGuid(card.id),
          modelId,
          nowSeconds,
          tags,
          fields.join('\x1f'),
          card.term,
          fieldChecksum(card.term),
          '',
        );
        if (card.state === 0) {
          insertCard.run(cardId, noteId, ankiDeckId, nowSeconds, 0, 0, index + 1, 0, 0, 0, 0, '');
        } else {
          // Learning steps have no Anki equivalent here: every studied card becomes a review card.
          const dueDay = Math.max(0, Math.floor((Date.parse(card.due) / 1000 - dayStart) / 86_400));
          const data = JSON.stringify({
            s: Math.round(Number(card.stability) * 10_000) / 10_000,
            d: Math.round(Number(card.difficulty) * 1_000) / 1_000,
          });
          insertCard.run(
            cardId,
            noteId,
            ankiDeckId,
            nowSeconds,
            2,
            2,
            dueDay,
            Math.max(1, card.scheduled_days),
            2500,
            card.reps,
            card.lapses,
            data,
          );
        }
      });
      const insertRevlog = db.prepare(
        'insert into revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) values (?, ?, -1, ?, ?, ?, 0, ?, ?)',
      );
      let lastRevlogId = 0;
      for (const log of logs) {
        const cardId = ankiCardIds.get(log.card_id);
        if (cardId === undefined) continue;
        // revlog ids are the review time in milliseconds and must be unique.
        const id = Math.max(Date.parse(log.reviewed_at), lastRevlogId + 1);
        lastRevlogId = id;
        insertRevlog.run(
          id,
          cardId,
          log.rating,
          log.scheduled_days,
          log.elapsed_days,
          Math.min(60_000, log.duration_ms ?? 0),
          revlogType(log.state),
        );
      }
      db.exec('commit');
    } finally {
      db.close();
    }
    const collection = await readFile(path);
    const apkg = writeZip(
      [
        { name: 'collection.anki2', data: collection },
        { name: 'media', data: Buffer.from('{}') },
      ],
      now,
    );
    return { deck, apkg };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
