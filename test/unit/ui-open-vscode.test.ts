import {describe, expect, it} from 'vitest';
import type {OpenOutcome} from '../../source/runtime/open-link.js';
import {openVscode, vscodeNotice} from '../../source/ui/vscode/open-vscode.js';

const URL = 'http://localhost:49153/?tkn=0123&folder=/workspace';

describe('Ctrl+O: opening the VS Code link', () => {
  it('calls the opener with the link and says it opened', async () => {
    const calls: string[] = [];
    const notice = await openVscode(URL, async (url): Promise<OpenOutcome> => {
      calls.push(url);
      return {opened: true};
    });
    expect(calls).toEqual([URL]);
    expect(notice).toMatchObject({text: 'Opened VS Code in your browser', tone: 'info'});
  });

  it('shows the link and the reason when the opener declines or fails, and stays long enough to copy it', async () => {
    const ssh = await openVscode(URL, async () => ({opened: false, reason: 'this is an SSH session'}));
    expect(ssh.text).toBe(`Not opening a browser: this is an SSH session. Open the link yourself: ${URL}`);
    expect(ssh.tone).toBe('warning');
    expect(ssh.ttlMs).toBeGreaterThanOrEqual(10_000);
    const thrown = await openVscode(URL, async () => {
      throw new Error('spawn xdg-open ENOENT');
    });
    expect(thrown.text).toBe(`Not opening a browser: opening the browser failed: spawn xdg-open ENOENT. Open the link yourself: ${URL}`);
  });

  it('says there is no link yet without calling the opener', async () => {
    let called = false;
    const notice = await openVscode(undefined, async () => {
      called = true;
      return {opened: true};
    });
    expect(called).toBe(false);
    expect(notice.text).toBe('No VS Code link yet: the runtime is not running');
    expect(vscodeNotice(URL, undefined).text).toContain(URL);
  });
});
