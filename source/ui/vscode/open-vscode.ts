import {type LinkOpener, type OpenOutcome, openLink} from '../../runtime/open-link.js';
import {type Notice, notice} from '../notices/notice.js';

/** Long enough to copy the link out of the notice (the header shows it too). */
const FALLBACK_TTL_MS = 15_000;

/** What Ctrl+O tells the user: it opened, or why not and the link to open by hand. */
export function vscodeNotice(url: string | undefined, outcome: OpenOutcome | undefined): Notice {
  if (url === undefined) return notice('No VS Code link yet: the runtime is not running', 'warning');
  if (outcome?.opened) return notice('Opened VS Code in your browser');
  const why = outcome ? `Not opening a browser: ${outcome.reason}.` : 'Not opening a browser.';
  return notice(`${why} Open the link yourself: ${url}`, 'warning', FALLBACK_TTL_MS);
}

/** Ctrl+O: opens the link with the injected opener; never throws, always ends in a notice. */
export async function openVscode(url: string | undefined, open: LinkOpener): Promise<Notice> {
  if (url === undefined) return vscodeNotice(undefined, undefined);
  try {
    return vscodeNotice(url, await open(url));
  } catch (error) {
    return vscodeNotice(url, {opened: false, reason: `opening the browser failed: ${(error as Error).message}`});
  }
}

/** The opener of the app: a browser via the `open` package, unless SSH or no display rules it out (this process's env). */
export const browserOpener: LinkOpener = (url) => openLink(url);
