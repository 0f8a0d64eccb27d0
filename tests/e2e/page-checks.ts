import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, type Page, test } from '@playwright/test';

/** The two sizes every page is checked at: a laptop and a phone (decision 021). */
export const checkSizes = [
  { name: 'desktop', width: 1366, height: 850 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/**
 * axe-core's browser bundle, read once, or null while the package is not installed: then the scan is
 * skipped with one notice and the overflow check still runs. Installing `axe-core` turns it on.
 */
let axeSource: string | null | undefined;
function loadAxe(): string | null {
  if (axeSource !== undefined) return axeSource;
  try {
    const require = createRequire(import.meta.url);
    axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  } catch {
    axeSource = null;
    console.warn('page checks: axe-core is not installed, so pages are checked for overflow only');
  }
  return axeSource;
}

type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] };

/** Runs axe on the page as it is; the violations in a form a failure message can show. */
async function axeViolations(page: Page): Promise<string[]> {
  const source = loadAxe();
  if (source === null) return [];
  const injected = await page.evaluate(() => 'axe' in window);
  if (!injected) await page.addScriptTag({ content: source });
  // Colours measured mid-animation are not the page's (a celebration card fading in reads as low
  // contrast): let the finite animations running now end first, for at most two seconds.
  await page.evaluate(() =>
    Promise.race([
      Promise.all(
        document
          .getAnimations()
          .filter((animation) => Number.isFinite(animation.effect?.getComputedTiming().endTime ?? Infinity))
          .map((animation) => animation.finished.catch(() => undefined)),
      ),
      new Promise((resolve) => setTimeout(resolve, 2_000)),
    ]),
  );
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (context: Document, options: object) => Promise<{ violations: unknown[] }> };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations as AxeViolation[];
  });
  return violations.map(
    (violation) =>
      `${violation.id} (${violation.impact ?? 'n/a'}): ${violation.help} — ${violation.nodes
        .slice(0, 3)
        .map((node) => JSON.stringify(node.target))
        .join(', ')}`,
  );
}

/** How far the page scrolls sideways; 0 when it fits. */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** A page's identity for "once per page": its path with ids replaced, so every conversation is one page. */
function pageKey(url: string): string {
  return new URL(url).pathname.replace(
    /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi,
    ':id',
  );
}

const checked = new Set<string>();

/**
 * Checks the page the journey is on, once per page per run, at both sizes: no axe violation and no
 * horizontal overflow. `ready` waits for what makes the page complete (a heading, a loaded list), and
 * runs again after each resize. The journey's own viewport is restored afterwards.
 */
export async function checkPage(page: Page, ready?: () => Promise<void>): Promise<void> {
  const key = pageKey(page.url());
  if (checked.has(key)) return;
  checked.add(key);
  const original = page.viewportSize();
  await test.step(`page checks: ${key}`, async () => {
    for (const size of checkSizes) {
      await page.setViewportSize({ width: size.width, height: size.height });
      // A new size can load what the page shows at that width (a chunk, a catalogue): the checks wait
      // for the network to settle and the page to be complete again (a CI run once checked a home page
      // in the moment it had no heading).
      await page.waitForLoadState('networkidle', { timeout: 3_000 }).catch(() => {});
      await ready?.();
      expect(
        await horizontalOverflow(page),
        `${key} scrolls sideways at ${size.width} px`,
      ).toBeLessThanOrEqual(0);
      expect(await axeViolations(page), `${key} at ${size.width} px`).toEqual([]);
    }
  });
  if (original) await page.setViewportSize(original);
}

/**
 * The same checks at one size, every time it is called (no "once per page"): a journey that shows one
 * page in several interface languages checks each of them (tests/e2e/i18n.spec.ts).
 */
export async function checkPageAt(
  page: Page,
  size: (typeof checkSizes)[number],
  ready?: () => Promise<void>,
): Promise<void> {
  const key = `${pageKey(page.url())} (${await page.evaluate(() => document.documentElement.lang)})`;
  await test.step(`page checks at ${size.width} px: ${key}`, async () => {
    await page.setViewportSize({ width: size.width, height: size.height });
    await ready?.();
    expect(await horizontalOverflow(page), `${key} scrolls sideways at ${size.width} px`).toBeLessThanOrEqual(
      0,
    );
    expect(await axeViolations(page), `${key} at ${size.width} px`).toEqual([]);
  });
}
