/**
 * RFC 4180 CSV: quoted fields may hold delimiters, quotes ("") and line breaks. Spreadsheets
 * export with commas, semicolons (European locales) or tabs, so the delimiter is a parameter.
 */

export type CsvDelimiter = ',' | ';' | '\t';

export type CsvRecord = { line: number; fields: string[] };

/** Splits CSV text into records, remembering the line each record starts on for error reports. */
export function parseCsv(text: string, delimiter: CsvDelimiter): { records: CsvRecord[]; error?: string } {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  let line = 1;
  let recordLine = 1;
  let quoteLine = 0;
  const endField = () => {
    fields.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRecord = () => {
    endField();
    // A blank line is not a record.
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
  };
  for (let index = 0; index < source.length; index += 1) {
    const character = source[index]!;
    if (quoted) {
      if (character === '"') {
        if (source[index + 1] === '"') {
          field += '"';
          index += 1;
        } else {
          quoted = false;
        }
      } else if (character === '\r' && source[index + 1] === '\n') {
        // A line break inside a quoted field is kept as one \n, whatever the file's line endings.
        field += '\n';
        line += 1;
        index += 1;
      } else {
        if (character === '\n') line += 1;
        field += character;
      }
      continue;
    }
    if (character === '"' && !fieldStarted && field === '') {
      quoted = true;
      fieldStarted = true;
      quoteLine = line;
    } else if (character === delimiter) {
      endField();
    } else if (character === '\r' || character === '\n') {
      if (character === '\r' && source[index + 1] === '\n') index += 1;
      endRecord();
      line += 1;
      recordLine = line;
    } else {
      field += character;
      fieldStarted = true;
    }
  }
  if (quoted) return { records, error: `A quoted field opened on line ${quoteLine} is never closed.` };
  if (field !== '' || fields.length > 0) endRecord();
  return { records };
}

/** The delimiter that splits the first line into the most fields (commas when nothing splits it). */
export function detectDelimiter(text: string): CsvDelimiter {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  let best: CsvDelimiter = ',';
  let bestCount = 0;
  for (const candidate of [',', ';', '\t'] as const) {
    const count = firstLine.split(candidate).length - 1;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

/**
 * One CSV field. A value a spreadsheet would run as a formula (=, +, @, or a leading tab/CR) is
 * prefixed with an apostrophe, so opening an export cannot execute anything.
 */
export function csvField(value: string): string {
  const safe = /^[=+@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n;\t]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(rows: string[][]): string {
  return `${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}
