import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyContextRules, languageData, ruleLanguages } from './context-rules.ts';

const files = readdirSync(new URL('../../content/language-rules/', import.meta.url))
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.replace(/\.json$/, ''));

/** "Ayer [compre>compré] pan" → the plain sentence and the corrections it marks. */
function parseExample(example: string) {
  let text = '';
  let last = 0;
  const expected: Array<{ offset: number; original: string; corrected: string }> = [];
  for (const match of example.matchAll(/\[([^>\]]+)>([^\]]+)\]/g)) {
    text += example.slice(last, match.index);
    expected.push({ offset: text.length, original: match[1] as string, corrected: match[2] as string });
    text += match[1];
    last = (match.index ?? 0) + match[0].length;
  }
  return { text: text + example.slice(last), expected };
}

describe('context rules', () => {
  it('has one valid file for each of the six languages', () => {
    expect(files.sort()).toEqual(['de', 'en', 'es', 'fr', 'it', 'pt']);
    for (const language of files) expect(languageData(language)?.language).toBe(language);
  });

  describe.each(files)('%s', (language) => {
    const data = languageData(language);
    const rules = data?.rules ?? [];

    it('has unique ids, each starting with its language', () => {
      expect(rules.length).toBeGreaterThan(0);
      expect(new Set(rules.map((rule) => rule.id)).size).toBe(rules.length);
      for (const rule of rules) expect(rule.id.startsWith(`${language.toUpperCase()}_`), rule.id).toBe(true);
    });

    it('explains every rule in one short sentence in each of the six languages', () => {
      // The raw file, not the parsed data: the test stands even if the schema loosens.
      const raw = JSON.parse(
        readFileSync(new URL(`../../content/language-rules/${language}.json`, import.meta.url), 'utf8'),
      ) as { rules: Array<{ id: string; explanation: Record<string, unknown> }> };
      expect(raw.rules.length).toBeGreaterThan(0);
      for (const rule of raw.rules) {
        expect(Object.keys(rule.explanation).sort(), rule.id).toEqual([...ruleLanguages].sort());
        for (const explanationLanguage of ruleLanguages) {
          const sentence = rule.explanation[explanationLanguage];
          const where = `${rule.id} (${explanationLanguage}): ${String(sentence)}`;
          expect(typeof sentence, where).toBe('string');
          const text = sentence as string;
          expect(text.trim().length, where).toBeGreaterThan(0);
          expect(text, where).toBe(text.trim());
          expect(text, where).toMatch(/[.!?]$/);
          expect(text, where).not.toMatch(/[\r\n]/);
          expect(text, where).not.toMatch(/[.!?]\s+\p{Lu}/u); // no second sentence
          expect(text.length, where).toBeLessThanOrEqual(200);
        }
      }
    });

    it.each(rules.map((rule) => [rule.id, rule] as const))(
      '%s fires on its examples and only there',
      (_id, rule) => {
        for (const example of rule.examples.fire) {
          const { text, expected } = parseExample(example);
          expect(expected.length, example).toBeGreaterThan(0);
          const hits = applyContextRules(rules, text, language).filter((hit) => hit.rule === rule.id);
          expect(
            hits.map(({ offset, original, corrected }) => ({ offset, original, corrected })),
            example,
          ).toEqual(expected);
        }
        for (const example of rule.examples.quiet) {
          expect(
            applyContextRules(rules, example, language).filter((hit) => hit.rule === rule.id),
            example,
          ).toEqual([]);
        }
      },
    );
  });

  it('explains in the explanation language, in English when it is none of the six', () => {
    const rules = languageData('es')?.rules ?? [];
    const [spanish] = applyContextRules(rules, 'Creo que si.', 'es');
    const [english] = applyContextRules(rules, 'Creo que si.', 'en');
    const [german] = applyContextRules(rules, 'Creo que si.', 'de');
    const [japanese] = applyContextRules(rules, 'Creo que si.', 'ja');
    expect(spanish).toMatchObject({ corrected: 'sí', explanation: expect.stringContaining('afirmativo') });
    expect(english?.explanation).toContain('yes');
    expect(german?.explanation).toContain('(ja)');
    expect(japanese?.explanation).toBe(english?.explanation);
  });
});
