import type { MessageRef } from '../../contracts/messages/catalogues.ts';
import { msg, render } from '../i18n/messages.ts';
/**
 * Reads a learner export as it streams in, without holding the document: the root object's small
 * values (format, version, user, …) arrive as `header` events, then each row of each table in
 * `tables` as a `row` event, parsed on its own. Memory is bounded by the largest single value,
 * which is capped. Anything that is not an export's shape is an `ExportFormatError`.
 */
export type ExportEvent =
  | { kind: 'header'; key: string; value: unknown }
  | { kind: 'tables' }
  | { kind: 'table'; table: string }
  | { kind: 'row'; table: string; value: unknown };

export class ExportFormatError extends Error {
  readonly tooLarge: boolean;
  /** What the importer tells the learner, in their interface language. */
  readonly messageRef: MessageRef;
  constructor(message: MessageRef, tooLarge = false) {
    super(render('en', message));
    this.messageRef = message;
    this.name = 'ExportFormatError';
    this.tooLarge = tooLarge;
  }
}

type Level = { type: 'object' | 'array'; key: string | undefined; expectKey: boolean };
type Capture = {
  depth: number;
  kind: 'container' | 'string' | 'literal';
  parts: string[];
  start: number;
  size: number;
  /** The largest this value may be (a table's rows may have their own limit). */
  limit: number;
  emit: (value: unknown) => ExportEvent;
};

const whitespace = new Set([' ', '\t', '\n', '\r']);

export class ExportScanner {
  private readonly stack: Level[] = [];
  private readonly maxValueLength: number;
  private readonly rowLimits: Readonly<Record<string, number>>;
  private inString = false;
  private escaped = false;
  private readingKey = false;
  private key = '';
  private capture: Capture | undefined;
  private finished = false;
  private events: ExportEvent[] = [];

  /** `rowLimits`: a larger (or smaller) limit for the rows of some tables (recordings carry their audio). */
  constructor(options: { maxValueLength: number; rowLimits?: Record<string, number> }) {
    this.maxValueLength = options.maxValueLength;
    this.rowLimits = options.rowLimits ?? {};
  }

  /** Feeds the next piece of text; returns the events it completed. */
  push(chunk: string): ExportEvent[] {
    this.events = [];
    for (let index = 0; index < chunk.length; index++) this.step(chunk, index);
    if (this.capture) {
      this.append(chunk.slice(this.capture.start));
      this.capture.start = 0;
    }
    return this.events;
  }

  /** The input has ended: it must have been one complete document. */
  end(): ExportEvent[] {
    this.events = [];
    if (this.capture?.kind === 'literal' && this.stack.length === 0) this.finishCapture('', 0);
    if (!this.finished) throw new ExportFormatError(msg('errors.import.incomplete'));
    return this.events;
  }

  private append(text: string): void {
    if (!this.capture) return;
    this.capture.size += text.length;
    if (this.capture.size > this.capture.limit) {
      throw new ExportFormatError(
        msg('errors.import.valueTooLarge', { kibibytes: Math.round(this.capture.limit / 1024) }),
        true,
      );
    }
    this.capture.parts.push(text);
  }

  private finishCapture(chunk: string, endExclusive: number): void {
    const capture = this.capture;
    if (!capture) return;
    this.append(chunk.slice(capture.start, endExclusive));
    this.capture = undefined;
    let value: unknown;
    try {
      value = JSON.parse(capture.parts.join(''));
    } catch {
      throw new ExportFormatError(msg('errors.import.invalidJson'));
    }
    this.events.push(capture.emit(value));
  }

  private startValue(kind: Capture['kind'], chunk: string, index: number, opensTables: boolean): void {
    if (this.capture) return;
    if (this.finished) throw new ExportFormatError(msg('errors.import.textAfterEnd'));
    const depth = this.stack.length;
    if (depth === 0) {
      if (chunk[index] !== '{') throw new ExportFormatError(msg('errors.import.notJsonObject'));
      return;
    }
    const parent = this.stack[depth - 1]!;
    if (depth === 1) {
      const key = parent.key ?? '';
      if (key === 'tables') {
        if (!opensTables) throw new ExportFormatError(msg('errors.import.tablesNotObject'));
        this.events.push({ kind: 'tables' });
        return;
      }
      if (key === 'members') {
        throw new ExportFormatError(msg('errors.import.serverArchive'));
      }
      this.capture = {
        depth,
        kind,
        parts: [],
        start: index,
        size: 0,
        limit: this.maxValueLength,
        emit: (value) => ({ kind: 'header', key, value }),
      };
      return;
    }
    const tablesLevel = this.stack[1];
    if (depth === 2 && this.stack[0]?.key === 'tables' && tablesLevel?.type === 'object') {
      const table = parent.key ?? '';
      if (chunk[index] !== '[') throw new ExportFormatError(msg('errors.import.tableNotList', { table }));
      this.events.push({ kind: 'table', table });
      return;
    }
    if (depth === 3 && parent.type === 'array') {
      const table = this.stack[1]?.key ?? '';
      this.capture = {
        depth,
        kind,
        parts: [],
        start: index,
        size: 0,
        limit: Object.hasOwn(this.rowLimits, table) ? (this.rowLimits[table] as number) : this.maxValueLength,
        emit: (value) => ({ kind: 'row', table, value }),
      };
      return;
    }
    throw new ExportFormatError(msg('errors.import.notShaped'));
  }

  private endLiteral(chunk: string, index: number): void {
    if (this.capture?.kind === 'literal' && this.capture.depth === this.stack.length)
      this.finishCapture(chunk, index);
  }

  private step(chunk: string, index: number): void {
    const char = chunk[index]!;
    if (this.inString) {
      if (this.escaped) this.escaped = false;
      else if (char === '\\') this.escaped = true;
      else if (char === '"') {
        this.inString = false;
        if (this.readingKey) {
          this.readingKey = false;
          const top = this.stack[this.stack.length - 1];
          if (top) {
            try {
              top.key = JSON.parse(`"${this.key}"`) as string;
            } catch {
              throw new ExportFormatError(msg('errors.import.invalidJson'));
            }
            top.expectKey = false;
          }
          return;
        }
        if (this.capture?.kind === 'string' && this.capture.depth === this.stack.length)
          this.finishCapture(chunk, index + 1);
        return;
      }
      if (this.readingKey) {
        this.key += char;
        if (this.key.length > 200) throw new ExportFormatError(msg('errors.import.keyTooLong'));
      }
      return;
    }
    if (whitespace.has(char)) {
      this.endLiteral(chunk, index);
      return;
    }
    const top = this.stack[this.stack.length - 1];
    switch (char) {
      case '"':
        if (top?.type === 'object' && top.expectKey) {
          this.readingKey = true;
          this.key = '';
        } else this.startValue('string', chunk, index, false);
        this.inString = true;
        return;
      case ':':
        return;
      case ',':
        this.endLiteral(chunk, index);
        if (top?.type === 'object') top.expectKey = true;
        return;
      case '{':
      case '[':
        this.startValue('container', chunk, index, char === '{');
        this.stack.push({ type: char === '{' ? 'object' : 'array', key: undefined, expectKey: char === '{' });
        return;
      case '}':
      case ']': {
        this.endLiteral(chunk, index);
        const closed = this.stack.pop();
        if (!closed || (closed.type === 'object') !== (char === '}'))
          throw new ExportFormatError(msg('errors.import.invalidJson'));
        if (this.capture?.kind === 'container' && this.capture.depth === this.stack.length)
          this.finishCapture(chunk, index + 1);
        if (this.stack.length === 0) this.finished = true;
        return;
      }
      default:
        // A number, true, false or null; inside a captured value it is just part of it.
        if (!this.capture) this.startValue('literal', chunk, index, false);
    }
  }
}
