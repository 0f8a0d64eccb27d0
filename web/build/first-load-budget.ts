import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** What the measurement needs of a bundled chunk (a subset of Rollup's and Rolldown's OutputChunk). */
export type BudgetChunk = {
  fileName: string;
  code: string;
  isEntry: boolean;
  imports: readonly string[];
  dynamicImports: readonly string[];
  moduleIds: readonly string[];
};

export type RouteBudget = {
  /** Shown in the build output. */
  name: string;
  /** The module the route loads lazily (its page), as a path relative to the web root. */
  module: string;
  /**
   * Modules the page imports lazily but renders at once (the admin's provider notice on Home): they are
   * first load too. Lazy imports a click starts (a dialog) are not, and are not listed.
   */
  alsoLoads?: readonly string[];
  /**
   * The message namespaces the page shows at once (`contracts/messages/<namespace>/`). They are fetched
   * as compiled JSON, not JavaScript, but they are what the page needs before it can show a word, so
   * they count. Only the active language's file loads: each counts as its largest language's.
   */
  catalogues?: readonly string[];
  /** Gzip-9 kilobytes (1,000 bytes) of JavaScript. */
  limitKb: number;
};

export type RouteMeasure = { name: string; limitKb: number; kb: number; files: string[] };

function gzipKb(code: string): number {
  return gzipSync(code, { level: 9 }).length / 1000;
}

function staticClosure(start: string, chunks: ReadonlyMap<string, BudgetChunk>, into: Set<string>): void {
  const pending = [start];
  while (pending.length > 0) {
    const fileName = pending.pop() as string;
    if (into.has(fileName)) continue;
    const chunk = chunks.get(fileName);
    if (!chunk) continue;
    into.add(fileName);
    pending.push(...chunk.imports);
  }
}

/**
 * First-load JavaScript of a route, as the architecture brief defines it: the entry chunk and what it
 * imports statically (the browser preloads those), plus the route's lazy page chunk, the lazy chunks
 * it renders at once (`alsoLoads`), and everything those import statically — each file counted once,
 * gzip level 9.
 */
export function measureRoute(
  chunks: readonly BudgetChunk[],
  route: RouteBudget,
  moduleRoot: string,
): RouteMeasure {
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const files = new Set<string>();
  for (const entry of chunks.filter((chunk) => chunk.isEntry)) staticClosure(entry.fileName, byName, files);

  for (const module of [route.module, ...(route.alsoLoads ?? [])]) {
    const modulePath = resolve(moduleRoot, module);
    const chunk = chunks.find((candidate) => candidate.moduleIds.includes(modulePath));
    if (!chunk) throw new Error(`First-load budget: no chunk contains ${module}.`);
    staticClosure(chunk.fileName, byName, files);
  }

  for (const namespace of route.catalogues ?? []) {
    const languages = chunks.filter((chunk) =>
      new RegExp(`^assets/messages/[^/]+/[a-z]{2}/${namespace}\\.json$`).test(chunk.fileName),
    );
    if (languages.length === 0) throw new Error(`First-load budget: no catalogue file for "${namespace}".`);
    const largest = languages.reduce((a, b) => (gzipKb(b.code) > gzipKb(a.code) ? b : a));
    staticClosure(largest.fileName, byName, files);
  }

  const sorted = [...files].sort();
  const kb = sorted.reduce((sum, fileName) => sum + gzipKb(byName.get(fileName)?.code ?? ''), 0);
  return { name: route.name, limitKb: route.limitKb, kb, files: sorted };
}

export function formatMeasures(measures: readonly RouteMeasure[]): string {
  const lines = measures.map((measure) => {
    const verdict = measure.kb <= measure.limitKb ? 'ok' : 'OVER BUDGET';
    return `  ${measure.name.padEnd(22)} ${measure.kb.toFixed(1).padStart(6)} kB of ${measure.limitKb} kB  ${verdict}  (${measure.files.length} files)`;
  });
  return ['First-load JavaScript (gzip -9):', ...lines].join('\n');
}

/**
 * Measures each route's first-load JavaScript after bundling, prints it, and fails the build when a
 * route is over its budget, so a heavy import is caught by `npm run build`, not by a learner's phone.
 */
export function firstLoadBudget(routes: readonly RouteBudget[], moduleRoot: string): Plugin {
  return {
    name: 'charla:first-load-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks: BudgetChunk[] = [];
      for (const output of Object.values(bundle)) {
        if (output.type === 'chunk') chunks.push(output);
        // The compiled message catalogues (web/build/compile-messages.ts) are measured like chunks.
        else if (output.fileName.startsWith('assets/messages/')) {
          const code =
            typeof output.source === 'string' ? output.source : new TextDecoder().decode(output.source);
          chunks.push({
            fileName: output.fileName,
            code,
            isEntry: false,
            imports: [],
            dynamicImports: [],
            moduleIds: [],
          });
        }
      }
      const measures = routes.map((route) => measureRoute(chunks, route, moduleRoot));
      this.info(`\n${formatMeasures(measures)}`);
      // BUDGET_FILES=1 npm run build lists each route's files with their gzip size, to find the heavy ones.
      if (process.env.BUDGET_FILES === '1') {
        const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
        for (const measure of measures) {
          const rows = measure.files
            .map((fileName) => ({ fileName, kb: gzipKb(byName.get(fileName)?.code ?? '') }))
            .sort((a, b) => b.kb - a.kb)
            .map((row) => `    ${row.kb.toFixed(2).padStart(6)} kB  ${row.fileName}`);
          this.info(`\n  ${measure.name}:\n${rows.join('\n')}`);
        }
      }
      const over = measures.filter((measure) => measure.kb > measure.limitKb);
      if (over.length > 0) {
        this.error(
          `First-load JavaScript over budget: ${over.map((measure) => `${measure.name} ${measure.kb.toFixed(1)} kB > ${measure.limitKb} kB`).join('; ')}.`,
        );
      }
    },
  };
}
