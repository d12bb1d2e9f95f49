import {describe, expect, it} from 'vitest';
import {parsePasswd, planSessionUser} from '../../source/server/user-setup.js';
import {StartupError} from '../../source/server/startup-error.js';
import {shellQuote} from '../../source/lib/shell-quote.js';
import {asUser, shellLaunchCommand, userEnvironment} from '../../source/server/shell/shell-launch.js';

const openhands = {name: 'openhands', uid: 1000, gid: 0, home: '/home/openhands'};

describe('planSessionUser', () => {
  it('as root: creates a missing user, uses an existing one, warns about a different uid', () => {
    const base = {currentUid: 0, currentName: 'root', requestedName: 'openhands', requestedUid: 1000};
    expect(planSessionUser({...base, existing: undefined})).toEqual({kind: 'create'});
    expect(planSessionUser({...base, existing: openhands})).toEqual({kind: 'existing'});
    expect(planSessionUser({...base, existing: {...openhands, uid: 1001}})).toEqual({
      kind: 'existing',
      warning: 'user openhands exists with uid 1001, not 1000; using 1001',
    });
    expect(planSessionUser({...base, requestedName: 'root', requestedUid: 0, existing: undefined})).toEqual({kind: 'current'});
  });

  it('as another user: serves only that user (and never creates one)', () => {
    const base = {currentUid: 1000, currentName: 'dev', existing: undefined};
    expect(planSessionUser({...base, requestedName: 'dev', requestedUid: 1000})).toEqual({kind: 'current'});
    expect(planSessionUser({...base, requestedName: 'dev', requestedUid: 5})).toEqual({
      kind: 'current',
      warning: '--user-id 5 differs from the uid of dev; using 1000',
    });
    expect(() => planSessionUser({...base, requestedName: 'openhands', requestedUid: 1000})).toThrow(StartupError);
    expect(() => planSessionUser({...base, requestedName: 'openhands', requestedUid: 1000})).toThrow(
      'start it as root or with --username dev',
    );
  });

  it('parses /etc/passwd', () => {
    expect(parsePasswd('root:x:0:0:root:/root:/bin/bash\nopenhands:x:1000:0::/home/openhands:/bin/bash\n\nbroken\n')).toEqual([
      {name: 'root', uid: 0, gid: 0, home: '/root'},
      openhands,
    ]);
  });
});

describe('shell launch', () => {
  it('runs bash in a pty made by script, through setpriv when switching user', () => {
    expect(shellLaunchCommand(openhands, false)).toEqual({file: 'script', args: ['-qec', 'exec /bin/bash --noediting -i', '/dev/null']});
    expect(asUser(['/bin/x', '--flag'], openhands, true)).toEqual({
      file: 'setpriv',
      args: ['--reuid=1000', '--regid=0', '--init-groups', '--', '/bin/x', '--flag'],
    });
  });

  it('gives the shell the user identity, no session key, and no pager', () => {
    const env = userEnvironment(
      {SESSION_API_KEY: 's', OH_TUI_SERVER_RUN_DIR: '/r', PATH: '/bin', HOME: '/root', USER: 'root'},
      openhands,
      true,
    );
    expect(env).toEqual({
      PATH: '/bin',
      HOME: '/home/openhands',
      USER: 'openhands',
      LOGNAME: 'openhands',
      SHELL: '/bin/bash',
      PAGER: 'cat',
      GIT_PAGER: 'cat',
    });
    expect(userEnvironment({HOME: '/tmp/h', PAGER: 'less'}, openhands, false)).toMatchObject({HOME: '/tmp/h', PAGER: 'less'});
  });

  it('quotes for bash', () => {
    expect(shellQuote("it's here")).toBe(`'it'\\''s here'`);
  });
});
