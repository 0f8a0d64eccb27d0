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
   * Modules the page imports lazily but renders at once (the admin's provider notice on Home): they
   * are first load too. Lazy imports a click starts (a dialog) are not, and are not listed.
   */
  alsoLoads?: readonly string[];
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
    const modulePath = `${moduleRoot.replace(/\/$/, '')}/${module}`;
    const chunk = chunks.find((candidate) => candidate.moduleIds.includes(modulePath));
    if (!chunk) throw new Error(`First-load budget: no chunk contains ${module}.`);
    staticClosure(chunk.fileName, byName, files);
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
      }
      const measures = routes.map((route) => measureRoute(chunks, route, moduleRoot));
      this.info(`\n${formatMeasures(measures)}`);
      const over = measures.filter((measure) => measure.kb > measure.limitKb);
      if (over.length > 0) {
        this.error(
          `First-load JavaScript over budget: ${over.map((measure) => `${measure.name} ${measure.kb.toFixed(1)} kB > ${measure.limitKb} kB`).join('; ')}.`,
        );
      }
    },
  };
}
