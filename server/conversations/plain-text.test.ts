import { describe, expect, it } from 'vitest';
import { markdownToPlainText } from './plain-text.ts';

describe('markdownToPlainText', () => {
  it('drops headings, emphasis, bullets, code quotes and table rules, keeping the words in order', () => {
    const reply = [
      '### Muy **bien**',
      '',
      'Dices *casi* todo bien. Usa `estoy` aquí.',
      '- **ser**: identidad',
      '2. _estar_: estado',
      '',
      '| Persona | ser |',
      '|:--|--:|',
      '| yo | soy |',
      '---',
      '> [Más](https://example.com) \\*info\\*',
    ].join('\n');
    expect(markdownToPlainText(reply)).toBe(
      'Muy bien Dices casi todo bien. Usa estoy aquí. ser: identidad estar: estado Persona, ser yo, soy Más *info*',
    );
  });

  it('leaves arithmetic, snake_case and a learner’s plain sentence as they are', () => {
    expect(markdownToPlainText('2 * 3 * 4 = 24, my_var_name')).toBe('2 * 3 * 4 = 24, my_var_name');
    expect(markdownToPlainText('Hola, me llamo Ana.\nY tú?')).toBe('Hola, me llamo Ana. Y tú?');
  });
});
