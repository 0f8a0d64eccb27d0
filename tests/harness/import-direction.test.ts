import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/*
 * The dependency direction the architecture sets, checked over the real import graph:
 * - server/llm defines the budget port and imports nothing from server/budget (which implements
 *   it; the composition root wires the two);
 * - contracts import nothing from the server, the web app or the tests;
 * - the server imports nothing from the web app or the tests (test files excepted);
 * - the web app imports nothing from the server (only contracts).
 */

const root = fileURLToPath(new URL('../../', import.meta.url));

type Rule = { from: string; to: string; why: string; testsToo?: boolean };

const rules: Rule[] = [
  {
    from: 'server/llm/',
    to: 'server/budget/',
    why: 'llm defines the budget port; budget implements it',
    testsToo: false,
  },
  { from: 'contracts/', to: 'server/', why: 'contracts are shared by server and web' },
  { from: 'contracts/', to: 'web/', why: 'contracts are shared by server and web' },
  { from: 'server/', to: 'web/', why: 'the server never imports the web app', testsToo: false },
  { from: 'server/', to: 'tests/', why: 'only tests import test helpers', testsToo: false },
  { from: 'web/src/', to: 'server/', why: 'the web app talks to the server over HTTP only' },
];

const isTest = (path: string) => /\.test\.tsx?$/.test(path);

/** Relative imports of one file, resolved to repository paths. */
function importsOf(path: string, source: string): string[] {
  const found: string[] = [];
  const pattern = /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+'(\.[^']+)'|import\(\s*'(\.[^']+)'\s*\)/g;
  for (const match of source.matchAll(pattern)) {
    const specifier = match[1] ?? match[2];
    if (specifier) found.push(relative(root, resolve(root, dirname(path), specifier)));
  }
  return found;
}

/** Every (file, import) pair that breaks a rule. */
function violations(files: Array<{ path: string; source: string }>): string[] {
  const broken: string[] = [];
  for (const file of files)
    for (const target of importsOf(file.path, file.source))
      for (const rule of rules) {
        if (!file.path.startsWith(rule.from) || !target.startsWith(rule.to)) continue;
        if (rule.testsToo === false && isTest(file.path)) continue;
        broken.push(`${file.path} imports ${target}: ${rule.why}`);
      }
  return broken;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'dist') out.push(...sourceFiles(path));
    } else if (/\.tsx?$/.test(entry.name)) out.push(path);
  }
  return out;
}

describe('import direction', () => {
  it('holds over the whole repository', () => {
    const files = ['server', 'contracts', 'web/src'].flatMap(sourceFiles).map((path) => ({
      path,
      source: readFileSync(join(root, path), 'utf8'),
    }));
    expect(files.length).toBeGreaterThan(100);
    expect(violations(files)).toEqual([]);
  });

  it('fails on a deliberate wrong import', () => {
    const wrong = [
      {
        path: 'server/llm/gateway.ts',
        source: "import { BudgetExceededError } from '../budget/caps.ts';\nexport const x = 1;",
      },
      { path: 'web/src/features/x.tsx', source: "import type { Config } from '../../../server/config.ts';" },
      { path: 'server/llm/lazy.ts', source: "const m = await import('../budget/meter.ts');" },
    ];
    expect(violations(wrong)).toEqual([
      'server/llm/gateway.ts imports server/budget/caps.ts: llm defines the budget port; budget implements it',
      'web/src/features/x.tsx imports server/config.ts: the web app talks to the server over HTTP only',
      'server/llm/lazy.ts imports server/budget/meter.ts: llm defines the budget port; budget implements it',
    ]);
  });
});
