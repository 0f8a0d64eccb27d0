import { describe, expect, it } from 'vitest';
import { type BudgetChunk, measureRoute } from './first-load-budget.ts';

function chunk(fileName: string, fields: Partial<BudgetChunk> = {}): BudgetChunk {
  return {
    fileName,
    // Incompressible-ish text, so sizes differ clearly between chunks.
    code: Array.from({ length: 200 }, (_, index) => `${fileName}${index * 7919}`).join(';'),
    isEntry: false,
    imports: [],
    dynamicImports: [],
    moduleIds: [],
    ...fields,
  };
}

const root = '/app/web';
const chunks = [
  chunk('index.js', {
    isEntry: true,
    imports: ['framework.js'],
    dynamicImports: ['home.js', 'chat.js'],
    moduleIds: [`${root}/src/main.tsx`],
  }),
  chunk('framework.js'),
  chunk('home.js', {
    imports: ['shared.js', 'framework.js'],
    dynamicImports: ['notice.js'],
    moduleIds: [`${root}/src/home.tsx`],
  }),
  chunk('shared.js'),
  chunk('notice.js', { imports: ['notice-dep.js'], moduleIds: [`${root}/src/notice.tsx`] }),
  chunk('notice-dep.js'),
  chunk('chat.js', {
    imports: ['shared.js'],
    dynamicImports: ['dialog.js'],
    moduleIds: [`${root}/src/chat.tsx`],
  }),
  chunk('dialog.js'),
];

describe('measureRoute', () => {
  it('counts the entry, its static imports, the page, what it renders at once and their imports, once each', () => {
    const home = measureRoute(
      chunks,
      { name: 'home', module: 'src/home.tsx', alsoLoads: ['src/notice.tsx'], limitKb: 100 },
      root,
    );
    expect(home.files).toEqual([
      'framework.js',
      'home.js',
      'index.js',
      'notice-dep.js',
      'notice.js',
      'shared.js',
    ]);
    const chat = measureRoute(chunks, { name: 'chat', module: 'src/chat.tsx', limitKb: 100 }, root);
    // The entry's lazy imports are other routes, and a lazy import a click starts is not first load.
    expect(chat.files).toEqual(['chat.js', 'framework.js', 'index.js', 'shared.js']);
    expect(home.kb).toBeGreaterThan(chat.kb);
  });

  it('fails loudly when the route module is in no chunk', () => {
    expect(() => measureRoute(chunks, { name: 'gone', module: 'src/gone.tsx', limitKb: 1 }, root)).toThrow(
      /src\/gone\.tsx/,
    );
  });
});
