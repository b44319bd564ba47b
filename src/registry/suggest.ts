/** Edit distance (insertions, deletions, substitutions), for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * The candidate closest to `name` when it is close enough to be a likely typo; failing that,
 * the longest candidate the name contains (tcp-keepalive-interval -> tcp-keepalive).
 */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  const list = [...candidates];
  let best: string | undefined;
  let bestScore = Math.max(1, Math.floor(name.length / 3)) + 1;
  for (const c of list) {
    const score = editDistance(lower, c.toLowerCase());
    if (score < bestScore) [best, bestScore] = [c, score];
  }
  if (best !== undefined) return best;
  const contained = list.filter((c) => c.length >= 4 && lower.includes(c.toLowerCase()));
  return contained.sort((a, b) => b.length - a.length)[0];
}
