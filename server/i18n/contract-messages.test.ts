import { readdirSync, readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { interfaceLanguages } from '../../contracts/messages/languages.ts';
import { keyOfEnglishIssue, render } from './messages.ts';

/*
 * The field messages the contracts write in their zod schemas reach people (`details.issues[].message`,
 * under a form's field). The server finds each one's catalogue key by its English text, so a message
 * without a key would reach a Spanish or German reader in English: this reads every contract's source
 * and fails on any such message.
 */

const contractsDirectory = new URL('../../contracts/', import.meta.url);
const serverDirectory = new URL('../', import.meta.url);

/** zod checks whose message is their first argument (`.int('…')`, `z.email('…')`)… */
const messageFirst = new Set([
  'int',
  'email',
  'url',
  'uuid',
  'nonempty',
  'positive',
  'nonnegative',
  'negative',
]);
/** …and those whose message follows a bound, a pattern or a predicate (`.min(1, '…')`, `.refine(fn, '…')`). */
const messageSecond = new Set([
  'min',
  'max',
  'length',
  'regex',
  'refine',
  'gt',
  'gte',
  'lt',
  'lte',
  'multipleOf',
  'startsWith',
  'endsWith',
  'includes',
]);

type Found = { text: string; where: string };

/** The texts an expression can evaluate to; a template's `${…}` stands for a number. */
function texts(node: ts.Node): string[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isTemplateExpression(node))
    return [node.head.text + node.templateSpans.map((span) => `7${span.literal.text}`).join('')];
  if (ts.isParenthesizedExpression(node)) return texts(node.expression);
  if (ts.isConditionalExpression(node)) return [...texts(node.whenTrue), ...texts(node.whenFalse)];
  if (ts.isArrowFunction(node) && !ts.isBlock(node.body)) return texts(node.body);
  return [];
}

/** Every message a contract file writes: check arguments, `message:`/`error:` and local helpers' `message`. */
function contractMessages(fileName: string, source: string): Found[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const found: Found[] = [];
  const add = (node: ts.Node) => {
    const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
    for (const text of texts(node)) found.push({ text, where: `${fileName}:${line}` });
  };

  // A helper of the file that takes a message (`oneWord(max, message)`): which argument is it?
  const helpers = new Map<string, number>();
  const noteHelper = (name: string, parameters: ts.NodeArray<ts.ParameterDeclaration>) => {
    const index = parameters.findIndex((p) => ts.isIdentifier(p.name) && /message/i.test(p.name.text));
    if (index >= 0) helpers.set(name, index);
  };
  const findHelpers = (node: ts.Node) => {
    if (ts.isFunctionDeclaration(node) && node.name) noteHelper(node.name.text, node.parameters);
    if (
      ts.isVariableDeclaration(node) &&
      ts.isIdentifier(node.name) &&
      node.initializer &&
      (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))
    )
      noteHelper(node.name.text, node.initializer.parameters);
    ts.forEachChild(node, findHelpers);
  };
  findHelpers(file);

  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (ts.isPropertyAccessExpression(callee)) {
        const method = callee.name.text;
        const index = messageFirst.has(method) ? 0 : messageSecond.has(method) ? 1 : -1;
        const argument = index >= 0 ? node.arguments[index] : undefined;
        if (argument) add(argument);
      } else if (ts.isIdentifier(callee) && helpers.has(callee.text)) {
        const argument = node.arguments[helpers.get(callee.text) ?? -1];
        if (argument) add(argument);
      }
    }
    // `{ message: '…' }` (refine, addIssue) and `{ error: '…' | () => '…' }` (zod's params).
    if (
      ts.isPropertyAssignment(node) &&
      ts.isIdentifier(node.name) &&
      (node.name.text === 'message' || node.name.text === 'error')
    )
      add(node.initializer);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/**
 * Files whose zod messages no person reads through the API: the environment's settings (read by
 * whoever starts the server) and the checks of files shipped with Charla (built-in scenarios, the
 * local model catalogue, the grammar checker's rules), which fail the build's tests, not a request.
 */
const notForPeople = new Set([
  'server/config.ts',
  'server/tutor/scenarios.ts',
  'server/llm/local/catalogue.ts',
  'server/language/context-rules.ts',
]);

/**
 * The contracts, and the schemas a route or use case writes itself (a route's path parameters, a
 * multipart form's fields): every non-test file of `contracts/` and `server/` that imports zod.
 */
function allContractMessages(): Found[] {
  return [contractsDirectory, serverDirectory].flatMap((directory) =>
    readdirSync(directory, { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.startsWith('messages/'))
      .flatMap((name) => {
        const source = readFileSync(new URL(name, directory), 'utf8');
        if (!/from 'zod'/.test(source)) return [];
        const path = `${directory === contractsDirectory ? 'contracts' : 'server'}/${name}`;
        return notForPeople.has(path) ? [] : contractMessages(path, source);
      }),
  );
}

describe('the contracts’ own field messages', () => {
  const messages = allContractMessages();

  it('finds the messages however a contract writes them', () => {
    const found = new Set(messages.map((message) => message.text));
    expect(found.size).toBeGreaterThan(60);
    for (const text of [
      'Paste the API key.', // addIssue in a superRefine
      'Send at least one field to change.', // refine(fn, '…')
      'A voice name is one word.', // a helper's message argument
      'must be at least 0.70', // a number bound
      'must be at least 7 characters', // a template
      'must not be empty', // a conditional
      'must be one of the supported language codes: 7', // error: () => `…`
      'must be a valid email address', // z.email('…')
      'must be a whole number of micro-dollars', // .int('…')
    ])
      expect(found, text).toContain(text);
  });

  it('has a catalogue key for every message, in all six languages', () => {
    const missing = messages.filter((message) => keyOfEnglishIssue(message.text) === null);
    expect(missing.map((message) => `${message.where}: ${message.text}`)).toEqual([]);

    for (const { text, where } of messages) {
      const ref = keyOfEnglishIssue(text);
      if (!ref) continue;
      // An English reader reads exactly what the contract wrote…
      expect(render('en', ref), where).toBe(text);
      // …and no one else reads it in English.
      for (const language of interfaceLanguages.filter((l) => l !== 'en'))
        expect(render(language, ref), `${where} in ${language}`).not.toBe(text);
    }
  });

  it('fails on a message a contract adds without a key', () => {
    const planted = contractMessages(
      'planted.ts',
      "export const s = z.string().regex(/^a$/, 'must start with the letter a');",
    );
    expect(planted.map((message) => message.text)).toEqual(['must start with the letter a']);
    expect(keyOfEnglishIssue(planted[0]?.text ?? '')).toBeNull();
  });

  it('writes a number bound the reader’s way, its decimals kept', () => {
    const ref = keyOfEnglishIssue('must be at least 0.70');
    expect(ref && render('de', ref)).toBe('muss mindestens 0,70 sein');
    expect(ref && render('en', ref)).toBe('must be at least 0.70');
    const large = keyOfEnglishIssue('must be at most 1,500');
    expect(large && render('de', large)).toBe('darf höchstens 1.500 sein');
  });
});
