/**
 * Where a text the model wanted to replace most nearly is: the window of lines that best
 * resembles it (bigram similarity per line). Used to show the model what the file really says.
 */
export function nearestMatch(
  haystack: string,
  needle: string,
): { line: number; text: string; score: number } | undefined {
  const lines = haystack.split('\n');
  const want = needle.split('\n');
  if (lines.length === 0 || want.length === 0) return undefined;
  const size = Math.min(want.length, lines.length);
  let best: { line: number; score: number } | undefined;
  for (let i = 0; i + size <= lines.length; i++) {
    let score = 0;
    for (let j = 0; j < size; j++) score += similarity(lines[i + j]!.trim(), want[j]!.trim());
    score /= want.length;
    if (!best || score > best.score) best = { line: i, score };
  }
  if (!best || best.score < 0.3) return undefined;
  return { line: best.line + 1, text: lines.slice(best.line, best.line + size).join('\n'), score: best.score };
}

/** Dice coefficient over character bigrams (1 = equal, 0 = nothing in common). */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const grams = new Map<string, number>();
  for (let i = 0; i < a.length - 1; i++) {
    const g = a.slice(i, i + 2);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  let common = 0;
  for (let i = 0; i < b.length - 1; i++) {
    const g = b.slice(i, i + 2);
    const n = grams.get(g) ?? 0;
    if (n > 0) {
      common++;
      grams.set(g, n - 1);
    }
  }
  return (2 * common) / (a.length - 1 + b.length - 1);
}
