type Located = { original: string; corrected: string; offset: number | null };

/** The sentence of `text` around `offset`: from after the previous . ! ? or line break to the next. */
function sentenceBounds(text: string, offset: number): { start: number; end: number } {
  let start = offset;
  while (start > 0 && !/[.!?\n]/.test(text[start - 1] ?? '')) start -= 1;
  let end = offset;
  while (end < text.length && !/[.!?\n]/.test(text[end] ?? '')) end += 1;
  // Keep the sentence's own closing punctuation (a run like "?!" or "...").
  while (end < text.length && /[.!?]/.test(text[end] ?? '')) end += 1;
  return { start, end };
}

/**
 * The example for a card made from `target`: the learner's sentence that holds the mistake, with
 * every correction located in that sentence applied — never one that still teaches another mistake.
 * Corrections the analysis could not locate are applied by first occurrence inside the sentence.
 * Null when `target` itself cannot be located.
 */
export function correctedExample(
  text: string,
  corrections: readonly Located[],
  target: Located,
): string | null {
  if (target.offset === null) return null;
  const { start, end } = sentenceBounds(text, target.offset);
  const sentence = text.slice(start, end);
  const edits: Array<{ at: number; original: string; corrected: string }> = [];
  for (const correction of corrections) {
    const at =
      correction.offset !== null && correction.offset >= start && correction.offset < end
        ? correction.offset - start
        : sentence.indexOf(correction.original);
    if (at < 0 || sentence.slice(at, at + correction.original.length) !== correction.original) continue;
    // Overlapping spans: the first one applied wins; the other would corrupt the sentence.
    if (
      edits.some((edit) => at < edit.at + edit.original.length && edit.at < at + correction.original.length)
    )
      continue;
    edits.push({ at, original: correction.original, corrected: correction.corrected });
  }
  let result = sentence;
  for (const edit of edits.sort((a, b) => b.at - a.at)) {
    result = result.slice(0, edit.at) + edit.corrected + result.slice(edit.at + edit.original.length);
  }
  return result.trim() || null;
}
