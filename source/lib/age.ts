/** Milliseconds in one of each unit an age may be given in. */
export const ageUnits = {m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000} as const;

/**
 * An age as a whole number and a unit (`30m`, `12h`, `7d`, `2w`), in milliseconds; undefined for
 * anything else. No bare numbers: "7" could mean days or minutes, and a wrong guess deletes data.
 */
export function parseAge(text: string): number | undefined {
  const match = /^(\d{1,6})([mhdw])$/.exec(text.trim());
  if (!match) return undefined;
  return Number(match[1]) * ageUnits[match[2] as keyof typeof ageUnits];
}

/** How long ago, in the largest whole unit up to days: `just now`, `5m ago`, `3h ago`, `40d ago`. */
export function formatAgo(milliseconds: number): string {
  if (milliseconds < ageUnits.m) return 'just now';
  for (const unit of ['d', 'h', 'm'] as const) {
    const count = Math.floor(milliseconds / ageUnits[unit]);
    if (count >= 1) return `${count}${unit} ago`;
  }
  return 'just now';
}
