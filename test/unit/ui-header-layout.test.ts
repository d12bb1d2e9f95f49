import {describe, expect, it} from 'vitest';
import {fitLine, type HeaderInfo, headerLines, type Part} from '../../source/ui/panes/header-layout.js';
import {textWidth} from '../../source/ui/text/char-width.js';
import {truncate} from '../../source/ui/text/truncate.js';

const info: HeaderInfo = {
  sid: 'my-project-1a2b3c4d',
  container: 'openhands-runtime-my-project-1a2b3c4d',
  state: 'running',
  image: 'oh-tui/runtime:oh_v0.1.0_3f2a9c1d7e6b5a40_9c8b7a6f5e4d3c2b',
  workspace: '/home/someone/src/clients/acme/my-project',
};

const text = (parts: Part[]) => parts.map((part) => part.text).join('');

describe('truncate', () => {
  it('cuts at the end, the start or the middle, with an ellipsis, to the width in columns', () => {
    expect(truncate('abcdefghij', 6, 'end')).toBe('abcde…');
    expect(truncate('/a/b/c/project', 9, 'start')).toBe('…/project');
    expect(truncate('repo:tag_0123456789', 11, 'middle')).toBe('repo:…56789');
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('日本語テキスト', 7)).toBe('日本語…');
    expect(textWidth(truncate('日本語テキスト', 6))).toBeLessThanOrEqual(6);
  });
});

describe('the header lines', () => {
  it('show everything at 120 columns', () => {
    const [first, second] = headerLines(info, 120).map(text);
    expect(first).toBe('session my-project-1a2b3c4d  ● running  openhands-runtime-my-project-1a2b3c4d');
    expect(second).toBe(`workspace ${info.workspace}  image ${info.image}`);
  });

  it('fit 60 columns: the container and the image give way first, then the workspace keeps its end', () => {
    const lines = headerLines(info, 60).map(text);
    for (const line of lines) expect(textWidth(line)).toBeLessThanOrEqual(60);
    expect(lines[0]).toMatch(/^session my-project-1a2b3c4d {2}● running {2}openhands-.*….*1a2b3c4d$/);
    expect(lines[1]).toBe('workspace …ients/acme/my-project  image oh-tui/run…f5e4d3c2b');
  });

  it('drop whole fields when even the shortened ones do not fit, and never exceed the width', () => {
    for (const width of [10, 20, 30, 40, 50, 70, 90]) {
      for (const line of headerLines(info, width).map(text)) expect(textWidth(line), `${width}: ${line}`).toBeLessThanOrEqual(width);
    }
    expect(text(headerLines(info, 38)[0]!)).toBe('session my-project-1a2b3c4d  ● running');
    expect(text(headerLines(info, 30)[0]!)).toBe('session my-pr…b3c4d  ● running');
    expect(text(headerLines(info, 12)[0]!)).toBe('session my-…');
  });

  it('colour roles are kept on the parts (state, sid, labels)', () => {
    const roles = headerLines(info, 120)[0]!.map((part) => part.role);
    expect(roles).toEqual(['label', 'sid', 'label', 'state', 'label', 'value']);
  });

  it('say when the image is not known yet', () => {
    expect(text(headerLines({...info, image: undefined}, 120)[1]!)).toContain('image (resolving)');
  });

  it('fitLine keeps a line that fits as it is', () => {
    expect(text(fitLine([{parts: [{text: 'a', role: 'value'}]}, {parts: [{text: 'b', role: 'value'}]}], 4))).toBe('a  b');
  });
});
