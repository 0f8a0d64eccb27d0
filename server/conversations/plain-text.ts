/**
 * A tutor reply's Markdown as one line of plain text, for the conversation list's preview: a row reads
 * "Muy bien. El presente: yo soy, tú eres", not "### Muy **bien**". Not a renderer: markers go, the
 * words stay in order, table rows become cells joined by commas, and lines are joined with spaces.
 */
export function markdownToPlainText(markdown: string): string {
  const lines: string[] = [];
  for (const raw of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    // Escaped markers are text: hidden in the private-use area while markers are removed, then restored.
    let line = raw
      .trim()
      .replace(/\\([\\`*_#|-])/g, (_, char: string) => String.fromCharCode(0xe000 + char.charCodeAt(0)));
    // A table's delimiter row (|---|:--:|) and a horizontal rule say nothing.
    if (/^\|?\s*:?-{2,}:?\s*(\|\s*:?-+:?\s*)*\|?$/.test(line) || /^([-*_])(\s*\1){2,}$/.test(line)) continue;
    line = line
      .replace(/^#{1,6}\s+/, '')
      .replace(/\s+#+$/, '')
      .replace(/^>\s?/, '')
      .replace(/^([-*+]|\d{1,9}[.)])\s+/, '');
    if (line.includes('|')) {
      line = line
        .replace(/^\||\|$/g, '')
        .split('|')
        .map((cell) => cell.trim())
        .filter((cell) => cell !== '')
        .join(', ');
    }
    line = line
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
      .replace(/(?<![\p{L}\p{N}*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\p{L}\p{N}*])/gu, '$2')
      .replace(/`+([^`]*)`+/g, '$1')
      .replace(/[\ue000-\ue07f]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xe000))
      .trim();
    if (line !== '') lines.push(line);
  }
  return lines.join(' ').replace(/\s+/g, ' ');
}
