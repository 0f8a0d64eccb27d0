// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { type Rendered, render } from '../../test/dom.tsx';
import { Markdown, parseBlocks } from './markdown.tsx';

let rendered: Rendered | null = null;

afterEach(() => {
  rendered?.unmount();
  rendered = null;
});

async function show(text: string): Promise<HTMLElement> {
  rendered = await render(
    <div className="markdown">
      <Markdown text={text} />
    </div>,
  );
  return rendered.container.firstElementChild as HTMLElement;
}

/** Only these tags may ever come out of the renderer, whatever the model writes. */
const allowedTags = new Set(['P', 'BR', 'STRONG', 'EM', 'CODE', 'UL', 'OL', 'LI']);

function tagsIn(element: HTMLElement): string[] {
  return [...element.querySelectorAll('*')].map((child) => child.tagName);
}

describe('Markdown', () => {
  it('renders paragraphs, line breaks, bold, italic, code and lists', async () => {
    const element = await show(
      '¡Muy **bien**! Dices *casi* todo bien.\nUsa `estoy` aquí.\n\n- **ser**: identidad\n- *estar*: estado\n\n1. uno\n2. dos',
    );
    expect(element.querySelectorAll('p')).toHaveLength(1);
    expect(element.querySelector('strong')?.textContent).toBe('bien');
    expect(element.querySelector('p em')?.textContent).toBe('casi');
    expect(element.querySelector('code')?.textContent).toBe('estoy');
    expect(element.querySelector('p br')).not.toBeNull();
    expect([...element.querySelectorAll('ul > li')].map((item) => item.textContent)).toEqual([
      'ser: identidad',
      'estar: estado',
    ]);
    expect(element.querySelector('ul li strong')?.textContent).toBe('ser');
    expect([...element.querySelectorAll('ol > li')].map((item) => item.textContent)).toEqual(['uno', 'dos']);
  });

  it('never turns text into live HTML: <script> and <img onerror> stay text', async () => {
    const attack = [
      '<script>window.__pwned = true</script>',
      'Mira: <img src=x onerror="window.__pwned = true">',
      '**<b onmouseover=alert(1)>negrita</b>** and `<iframe src="javascript:alert(1)">`',
      '- <a href="javascript:alert(1)">enlace</a>',
      '[click](javascript:alert(1)) <svg onload=alert(1)>',
    ].join('\n\n');
    const element = await show(attack);

    expect(element.querySelector('script, img, iframe, a, svg, b')).toBeNull();
    for (const tag of tagsIn(element)) expect(allowedTags.has(tag)).toBe(true);
    for (const node of element.querySelectorAll('*')) expect(node.attributes).toHaveLength(0);
    expect(element.textContent).toContain('<script>window.__pwned = true</script>');
    expect(element.textContent).toContain('<img src=x onerror="window.__pwned = true">');
    expect((window as { __pwned?: boolean }).__pwned).toBeUndefined();
  });

  it('shows unfinished markup literally, as a half-streamed reply has it', async () => {
    const element = await show('Esto es **importan');
    expect(element.querySelector('strong')).toBeNull();
    expect(element.textContent).toBe('Esto es **importan');
  });

  it('leaves arithmetic and snake_case alone', async () => {
    const element = await show('2 * 3 * 4 = 24, and my_var_name stays');
    expect(element.querySelector('em')).toBeNull();
    expect(element.textContent).toBe('2 * 3 * 4 = 24, and my_var_name stays');
  });

  it('splits blocks on blank lines and keeps indented lines inside list items', () => {
    expect(parseBlocks('a\nb\n\n- x\n  more\n- y\nafter')).toEqual([
      { kind: 'paragraph', lines: ['a', 'b'] },
      { kind: 'list', ordered: false, start: 1, items: [['x', 'more'], ['y']] },
      { kind: 'paragraph', lines: ['after'] },
    ]);
  });

  it('renders GitHub tables (teacher mode writes conjugation tables) inside their own scroll box', async () => {
    const element = await show(
      'El presente:\n\n| Persona | **ser** | estar |\n|:--|:-:|--:|\n| yo | soy | estoy |\n| tú | eres |\n| a \\| b | x | y | extra |\n\nDespués.',
    );
    const table = element.querySelector('.md-table > table');
    expect(table).not.toBeNull();
    expect([...element.querySelectorAll('th')].map((cell) => cell.textContent)).toEqual([
      'Persona',
      'ser',
      'estar',
    ]);
    expect(element.querySelector('th strong')?.textContent).toBe('ser');
    const rows = [...element.querySelectorAll('tbody tr')].map((row) =>
      [...row.querySelectorAll('td')].map((cell) => cell.textContent),
    );
    // A short row is padded and a long one cut to the header's width; an escaped pipe stays in its cell.
    expect(rows).toEqual([
      ['yo', 'soy', 'estoy'],
      ['tú', 'eres', ''],
      ['a | b', 'x', 'y'],
    ]);
    expect((element.querySelector('th') as HTMLElement).style.textAlign).toBe('left');
    expect((element.querySelectorAll('th')[1] as HTMLElement).style.textAlign).toBe('center');
    expect(element.querySelectorAll('p')).toHaveLength(2);
  });

  it('keeps a pipe that is no table as text, and a table cell never turns into HTML', async () => {
    expect(parseBlocks('a | b\nno delimiter')).toEqual([
      { kind: 'paragraph', lines: ['a | b', 'no delimiter'] },
    ]);
    expect(parseBlocks('| a | b |\n|---|\n| c |')[0]?.kind).toBe('paragraph');
    const element = await show('| x |\n|---|\n| <img src=x onerror="window.__pwned = true"> |');
    expect(element.querySelector('img')).toBeNull();
    expect(element.querySelector('td')?.textContent).toBe('<img src=x onerror="window.__pwned = true">');
  });
});
