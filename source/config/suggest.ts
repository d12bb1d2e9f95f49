/** "Did you mean ...?" for unknown config keys, sections and variable names. */

/** Edits (insert, delete, substitute, swap two neighbours) that turn `a` into `b`. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({length: rows}, (_, i) => Array.from({length: cols}, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number): number => d[i]![j]!;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      d[i]![j] = best;
    }
  }
  return at(rows - 1, cols - 1);
}

/** The candidate nearest to `word`, if it is near enough to be a typo of it (about a third of its letters). */
export function closestName(word: string, candidates: readonly string[]): string | undefined {
  const limit = Math.max(1, Math.floor(word.length / 3));
  let best: {name: string; distance: number} | undefined;
  for (const name of candidates) {
    const distance = editDistance(word.toLowerCase(), name.toLowerCase());
    if (distance <= limit && (best === undefined || distance < best.distance)) best = {name, distance};
  }
  return best?.name;
}

export interface KeyPlace {
  section: string;
  key: string;
}

/**
 * A known key the user probably meant by `key` in `section`: a near spelling in the same section,
 * else the same key in another section (vscode_host under [core] belongs to [sandbox]), else a near
 * spelling in another section.
 */
export function suggestKey(section: string, key: string, keysBySection: ReadonlyMap<string, readonly string[]>): KeyPlace | undefined {
  const own = closestName(key, keysBySection.get(section) ?? []);
  if (own !== undefined) return {section, key: own};
  const others = [...keysBySection].filter(([name]) => name !== section);
  const moved = others.find(([, keys]) => keys.includes(key));
  if (moved) return {section: moved[0], key};
  const places = others.flatMap(([name, keys]) => keys.map((known) => ({section: name, key: known})));
  const near = closestName(
    key,
    places.map((place) => place.key),
  );
  return places.find((place) => place.key === near);
}
