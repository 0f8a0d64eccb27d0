import { hasForbiddenControlCharacter } from '../../contracts/free-text.ts';
import {
  type CsvImport,
  grammaticalGenderSchema,
  type ImportRow,
  partOfSpeechSchema,
} from '../../contracts/vocabulary.ts';
import { validationFailed } from '../errors.ts';
import { msg } from '../i18n/messages.ts';
import { newCardRow } from './cards.ts';
import { type CsvDelimiter, detectDelimiter, parseCsv } from './csv.ts';
import { findOwnDeck } from './decks.ts';
import type { VocabularyDeps } from './deps.ts';
import { termKey } from './present.ts';

type Column = 'term' | 'translation' | 'exampleSentence' | 'notes' | 'partOfSpeech' | 'gender';

/** Without a header line, columns are read in this order (the order our CSV export writes). */
const positionalColumns: Column[] = [
  'term',
  'translation',
  'exampleSentence',
  'notes',
  'partOfSpeech',
  'gender',
];

const headerNames: Record<string, Column> = {
  term: 'term',
  word: 'term',
  front: 'term',
  expression: 'term',
  translation: 'translation',
  meaning: 'translation',
  back: 'translation',
  definition: 'translation',
  example: 'exampleSentence',
  'example sentence': 'exampleSentence',
  examplesentence: 'exampleSentence',
  example_sentence: 'exampleSentence',
  sentence: 'exampleSentence',
  context: 'exampleSentence',
  notes: 'notes',
  note: 'notes',
  comment: 'notes',
  'part of speech': 'partOfSpeech',
  part_of_speech: 'partOfSpeech',
  partofspeech: 'partOfSpeech',
  pos: 'partOfSpeech',
  gender: 'gender',
};

const partOfSpeechAliases: Record<string, string> = {
  n: 'noun',
  v: 'verb',
  adj: 'adjective',
  adv: 'adverb',
  pron: 'pronoun',
  prep: 'preposition',
  conj: 'conjunction',
  interj: 'interjection',
  art: 'article',
  num: 'numeral',
  expression: 'phrase',
};

const genderAliases: Record<string, string> = {
  m: 'masculine',
  masc: 'masculine',
  f: 'feminine',
  fem: 'feminine',
  n: 'neuter',
  neut: 'neuter',
  c: 'common',
};

const limits: Record<Column, number> = {
  term: 200,
  translation: 500,
  exampleSentence: 1000,
  notes: 2000,
  partOfSpeech: 40,
  gender: 40,
};

const columnLabels: Record<Column, string> = {
  term: 'term',
  translation: 'translation',
  exampleSentence: 'example sentence',
  notes: 'notes',
  partOfSpeech: 'part of speech',
  gender: 'gender',
};

const maxRows = 5000;

function headerColumn(name: string): Column | undefined {
  return headerNames[name.trim().toLowerCase()];
}

type ParsedImport = {
  delimiter: CsvDelimiter;
  hasHeader: boolean;
  columns: string[];
  rows: ImportRow[];
};

/** Parses and checks every row, marking duplicates of the deck's cards and of earlier rows. */
async function parseImport(deps: VocabularyDeps, userId: string, input: CsvImport): Promise<ParsedImport> {
  const deck = await findOwnDeck(deps.db, userId, input.deckId);
  const delimiter = input.delimiter ?? detectDelimiter(input.csv);
  const { records, error } = parseCsv(input.csv, delimiter);
  if (error)
    throw validationFailed(msg('errors.csv.unreadable', { detail: error }), {
      issues: [{ path: 'csv', message: error }],
    });
  if (records.length === 0)
    throw validationFailed(msg('errors.csv.noRows'), { issues: [{ path: 'csv', message: 'has no rows' }] });
  const first = records[0]!;
  const hasHeader =
    input.hasHeader ??
    (headerColumn(first.fields[0] ?? '') !== undefined &&
      first.fields.some((f) => headerColumn(f) === 'translation' || headerColumn(f) === 'term'));
  const columnMap: Array<Column | undefined> = hasHeader ? first.fields.map(headerColumn) : positionalColumns;
  if (hasHeader && !columnMap.includes('term')) {
    throw validationFailed(msg('errors.csv.noTermColumn'), {
      issues: [{ path: 'csv', message: 'has no term column' }],
    });
  }
  const body = hasHeader ? records.slice(1) : records;
  if (body.length > maxRows) {
    throw validationFailed(msg('errors.csv.tooManyRows', { count: body.length, max: maxRows }), {
      issues: [{ path: 'csv', message: `has more than ${maxRows} rows` }],
    });
  }

  const existing = new Set(
    (
      await deps.db.selectFrom('vocabulary_cards').select('term_key').where('deck_id', '=', deck.id).execute()
    ).map((row) => row.term_key),
  );
  const seen = new Set<string>();
  const rows: ImportRow[] = body.map((record) => {
    const errors: string[] = [];
    const values: Record<Column, string> = {
      term: '',
      translation: '',
      exampleSentence: '',
      notes: '',
      partOfSpeech: '',
      gender: '',
    };
    if (!hasHeader && record.fields.length > positionalColumns.length) {
      errors.push(
        `has ${record.fields.length} columns; expected at most ${positionalColumns.length} (term, translation, example, notes, part of speech, gender)`,
      );
    }
    record.fields.forEach((raw, index) => {
      const column = columnMap[index];
      if (column) values[column] = raw.trim();
    });
    for (const column of Object.keys(values) as Column[]) {
      const value = values[column];
      if (value.length > limits[column])
        errors.push(`${columnLabels[column]} is longer than ${limits[column]} characters`);
      if (hasForbiddenControlCharacter(value, true)) {
        errors.push(`${columnLabels[column]} contains control characters`);
      }
    }
    if (values.term === '') errors.push('term is empty');
    let partOfSpeech: string | null = null;
    if (values.partOfSpeech) {
      const key = values.partOfSpeech.toLowerCase().replace(/\.$/, '');
      const parsed = partOfSpeechSchema.safeParse(partOfSpeechAliases[key] ?? key);
      if (parsed.success) partOfSpeech = parsed.data;
      else
        errors.push(
          `part of speech "${values.partOfSpeech}" is not one of ${partOfSpeechSchema.options.join(', ')}`,
        );
    }
    let gender: string | null = null;
    if (values.gender) {
      const key = values.gender.toLowerCase().replace(/\.$/, '');
      const parsed = grammaticalGenderSchema.safeParse(genderAliases[key] ?? key);
      if (parsed.success) gender = parsed.data;
      else
        errors.push(
          `gender "${values.gender}" is not one of masculine, feminine, neuter, common (or m, f, n)`,
        );
    }
    let status: ImportRow['status'] = errors.length > 0 ? 'error' : 'ok';
    if (status === 'ok') {
      const key = termKey(values.term);
      if (existing.has(key)) {
        status = 'duplicate';
        errors.push(`"${values.term}" is already in the deck`);
      } else if (seen.has(key)) {
        status = 'duplicate';
        errors.push(`"${values.term}" appears earlier in the file`);
      }
      seen.add(key);
    }
    return {
      line: record.line,
      status,
      errors,
      term: values.term,
      translation: values.translation,
      exampleSentence: values.exampleSentence,
      notes: values.notes,
      partOfSpeech,
      gender,
    };
  });
  return {
    delimiter,
    hasHeader,
    columns: hasHeader ? first.fields : positionalColumns.map((column) => columnLabels[column]),
    rows,
  };
}

function summarise(rows: ImportRow[]) {
  const summary = { ok: 0, duplicate: 0, error: 0 };
  for (const row of rows) summary[row.status] += 1;
  return summary;
}

/** Shows what an import would do, row by row, without storing anything. */
export async function previewCsvImport(deps: VocabularyDeps, userId: string, input: CsvImport) {
  const parsed = await parseImport(deps, userId, input);
  return {
    delimiter: parsed.delimiter,
    hasHeader: parsed.hasHeader,
    columns: parsed.columns,
    rows: parsed.rows,
    summary: summarise(parsed.rows),
  };
}

/**
 * Imports the rows the preview marked "ok" in one transaction; duplicates are skipped and rows
 * with errors are reported back by line.
 */
export async function commitCsvImport(deps: VocabularyDeps, userId: string, input: CsvImport) {
  const parsed = await parseImport(deps, userId, input);
  const deck = await findOwnDeck(deps.db, userId, input.deckId);
  const now = deps.clock.now();
  const cards = parsed.rows
    .filter((row) => row.status === 'ok')
    .map((row) => newCardRow(deck, row, 'import', null, now));
  if (cards.length > 0) {
    await deps.db.transaction().execute(async (trx) => {
      for (let index = 0; index < cards.length; index += 200) {
        await trx
          .insertInto('vocabulary_cards')
          .values(cards.slice(index, index + 200))
          .execute();
      }
    });
  }
  return {
    imported: cards.length,
    skippedDuplicates: parsed.rows.filter((row) => row.status === 'duplicate').length,
    errors: parsed.rows
      .filter((row) => row.status === 'error')
      .map((row) => ({ line: row.line, errors: row.errors })),
  };
}
