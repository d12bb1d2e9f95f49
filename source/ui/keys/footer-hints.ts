import {BINDINGS, type Binding, type FooterHint} from './bindings.js';
import {conditionHolds, type KeyContext} from './key-context.js';
import {scopeApplies} from './match-key.js';
import {strokeLabel} from './stroke-label.js';

export interface Hint {
  keys: string;
  label: string;
}

const SEPARATOR = ' · ';

/**
 * The footer's key hints for this focus and state, most important first: bindings of the same
 * label merge into one hint ("PgUp/PgDn scroll").
 */
export function footerHints(context: KeyContext): Hint[] {
  const shown = (BINDINGS as readonly Binding[]).filter(
    (binding): binding is Binding & {footer: FooterHint} =>
      binding.footer !== undefined && scopeApplies(binding.scope, context) && conditionHolds(binding.footer.when, context),
  );
  const byLabel = new Map<string, {rank: number; keys: string[]}>();
  for (const {footer, keys} of shown) {
    const entry = byLabel.get(footer.label) ?? {rank: footer.rank, keys: []};
    entry.keys.push(...keys.slice(0, footer.keyCount ?? 1).map((stroke) => strokeLabel(stroke)));
    byLabel.set(footer.label, entry);
  }
  return [...byLabel].sort(([, a], [, b]) => a.rank - b.rank).map(([label, {keys}]) => ({keys: keys.join('/'), label}));
}

/** The hints that fit in `width` columns, in order; the least important are left out. */
export function footerText(context: KeyContext, width: number): string {
  let text = '';
  for (const hint of footerHints(context)) {
    const item = `${hint.keys} ${hint.label}`;
    const next = text === '' ? item : `${text}${SEPARATOR}${item}`;
    if (next.length > width) break;
    text = next;
  }
  return text;
}
