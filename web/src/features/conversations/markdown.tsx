import { Fragment, type ReactNode } from 'react';

/**
 * A deliberately tiny Markdown renderer for tutor replies. Model output is untrusted text: it is turned
 * into React elements (paragraphs, line breaks, lists, GitHub-style tables, **bold**, *italic*, `code`)
 * and every character of
 * it reaches the DOM as a text node, so `<script>` or `<img onerror>` in a reply is shown, never run.
 * There is no HTML pass-through and no links (a `javascript:` URL cannot sneak in). Unclosed markers
 * render literally, which is also what a half-streamed reply looks like until its closing `**` arrives.
 */

type Block =
  | { kind: 'paragraph'; lines: string[] }
  | { kind: 'heading'; text: string }
  | { kind: 'list'; ordered: boolean; start: number; items: string[][] }
  | { kind: 'table'; align: Align[]; header: string[]; rows: string[][] };

type Align = 'left' | 'center' | 'right' | undefined;

const bulletPattern = /^\s*[-*+]\s+(.*)$/;
const orderedPattern = /^\s*(\d{1,9})[.)]\s+(.*)$/;
const headingPattern = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/;
/** A table's second line: `|---|:---:|--:|` (outer pipes optional, at least one pipe). */
const delimiterRowPattern = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

/** The cells of one table row; `\|` is a pipe inside a cell (teacher mode writes `a \| b` rarely, but it does). */
function splitCells(line: string): string[] {
  const cells = line
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim().replace(/\\\|/g, '|'));
  return cells;
}

function alignOf(cell: string): Align {
  const left = cell.startsWith(':');
  const right = cell.endsWith(':');
  return left && right ? 'center' : right ? 'right' : left ? 'left' : undefined;
}

export function parseBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let current: Block | null = null;
  const close = () => {
    if (current) blocks.push(current);
    current = null;
  };
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (line.trim() === '') {
      close();
      continue;
    }
    const open = current as Block | null;
    if (open?.kind === 'table') {
      if (line.includes('|')) {
        const cells = splitCells(line);
        // GitHub pads short rows and cuts long ones to the header's width.
        open.rows.push(open.header.map((_, column) => cells[column] ?? ''));
        continue;
      }
      close();
    }
    const next = lines[index + 1];
    if (line.includes('|') && next !== undefined && delimiterRowPattern.test(next) && next.includes('|')) {
      const header = splitCells(line);
      const align = splitCells(next).map(alignOf);
      // Like GitHub: a delimiter row that does not match the header is no table, just text.
      if (align.length === header.length) {
        close();
        current = { kind: 'table', header, align, rows: [] };
        index += 1;
        continue;
      }
    }
    const heading = headingPattern.exec(line);
    const bullet = bulletPattern.exec(line);
    const ordered = bullet ? null : orderedPattern.exec(line);
    if (heading) {
      close();
      blocks.push({ kind: 'heading', text: heading[1] ?? '' });
    } else if (bullet || ordered) {
      const isOrdered = ordered !== null;
      const itemText = (bullet ? bullet[1] : ordered?.[2]) ?? '';
      const open = current as Block | null;
      if (open?.kind === 'list' && open.ordered === isOrdered) {
        open.items.push([itemText]);
      } else {
        close();
        current = { kind: 'list', ordered: isOrdered, start: Number(ordered?.[1] ?? 1), items: [[itemText]] };
      }
    } else {
      const open = current as Block | null;
      if (open?.kind === 'list' && /^\s/.test(line)) {
        // An indented line under a list item continues that item.
        open.items[open.items.length - 1]?.push(line.trim());
      } else if (open?.kind === 'paragraph') {
        open.lines.push(line);
      } else {
        close();
        current = { kind: 'paragraph', lines: [line] };
      }
    }
  }
  close();
  return blocks;
}

const isSpace = (char: string | undefined) => char === undefined || /\s/.test(char);
const isWordChar = (char: string | undefined) => char !== undefined && /[\p{L}\p{N}]/u.test(char);

/** Where a `delimiter` span opened at `from` closes, or -1: the content must not start or end with a space. */
function findClosing(text: string, delimiter: string, from: number): number {
  const contentStart = from + delimiter.length;
  if (isSpace(text[contentStart])) return -1;
  let at = text.indexOf(delimiter, contentStart + 1);
  while (at !== -1) {
    const single = delimiter.length === 1;
    // A single `*` that is half of a `**` belongs to a bold span inside the italic one.
    const partOfDouble = single && (text[at + 1] === delimiter || text[at - 1] === delimiter);
    const wordBound = delimiter[0] !== '_' || !isWordChar(text[at + delimiter.length]);
    if (!isSpace(text[at - 1]) && !partOfDouble && wordBound) return at;
    at = text.indexOf(delimiter, at + 1);
  }
  return -1;
}

/** Inline markup of one line: code first (its content stays literal), then bold, then italic. */
export function renderInline(text: string, keyPrefix = 'i'): ReactNode[] {
  const out: ReactNode[] = [];
  let plain = '';
  let key = 0;
  const flush = () => {
    if (plain !== '') out.push(plain);
    plain = '';
  };
  let i = 0;
  while (i < text.length) {
    const char = text[i] ?? '';
    if (char === '\\' && /[\\`*_#-]/.test(text[i + 1] ?? '')) {
      plain += text[i + 1];
      i += 2;
      continue;
    }
    if (char === '`') {
      let run = 1;
      while (text[i + run] === '`') run += 1;
      const fence = '`'.repeat(run);
      const end = text.indexOf(fence, i + run);
      if (end !== -1) {
        flush();
        const code = text.slice(i + run, end);
        out.push(
          <code key={`${keyPrefix}-${key++}`}>
            {code.length > 2 ? code.replace(/^ (.*) $/, '$1') : code}
          </code>,
        );
        i = end + run;
      } else {
        plain += fence;
        i += run;
      }
      continue;
    }
    const double = text.slice(i, i + 2);
    if (double === '**' || (double === '__' && !isWordChar(text[i - 1]))) {
      const end = findClosing(text, double, i);
      if (end !== -1) {
        flush();
        const childKey = `${keyPrefix}-${key++}`;
        out.push(<strong key={childKey}>{renderInline(text.slice(i + 2, end), childKey)}</strong>);
        i = end + 2;
        continue;
      }
      plain += double;
      i += 2;
      continue;
    }
    if (char === '*' || (char === '_' && !isWordChar(text[i - 1]))) {
      const end = findClosing(text, char, i);
      if (end !== -1) {
        flush();
        const childKey = `${keyPrefix}-${key++}`;
        out.push(<em key={childKey}>{renderInline(text.slice(i + 1, end), childKey)}</em>);
        i = end + 1;
        continue;
      }
    }
    plain += char;
    i += 1;
  }
  flush();
  return out;
}

/** Lines of one paragraph or list item, with the single line breaks the model wrote kept as <br>. */
function renderLines(lines: readonly string[], keyPrefix: string): ReactNode[] {
  return lines.map((line, index) => (
    <Fragment key={index}>
      {index > 0 ? <br /> : null}
      {renderInline(line, `${keyPrefix}-${index}`)}
    </Fragment>
  ));
}

export function Markdown({ text }: { text: string }) {
  return (
    <>
      {parseBlocks(text).map((block, index) => {
        const key = `b${index}`;
        switch (block.kind) {
          case 'heading':
            return (
              <p key={key} className="md-heading">
                <strong>{renderInline(block.text, key)}</strong>
              </p>
            );
          case 'table':
            // The wrapper scrolls a wide table on its own, so the conversation never scrolls sideways.
            return (
              // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
              <div key={key} className="md-table" tabIndex={0}>
                <table>
                  <thead>
                    <tr>
                      {block.header.map((cell, column) => (
                        <th key={column} scope="col" style={{ textAlign: block.align[column] }}>
                          {renderInline(cell, `${key}-h${column}`)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {block.rows.map((row, rowIndex) => (
                      <tr key={rowIndex}>
                        {row.map((cell, column) => (
                          <td key={column} style={{ textAlign: block.align[column] }}>
                            {renderInline(cell, `${key}-${rowIndex}-${column}`)}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            );
          case 'list': {
            const items = block.items.map((lines, itemIndex) => (
              <li key={itemIndex}>{renderLines(lines, `${key}-${itemIndex}`)}</li>
            ));
            return block.ordered ? (
              <ol key={key} start={block.start === 1 ? undefined : block.start}>
                {items}
              </ol>
            ) : (
              <ul key={key}>{items}</ul>
            );
          }
          default:
            return <p key={key}>{renderLines(block.lines, key)}</p>;
        }
      })}
    </>
  );
}
