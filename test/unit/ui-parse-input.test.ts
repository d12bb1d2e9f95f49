import {describe, expect, it} from 'vitest';
import {parseInput} from '../../source/ui/commands/parse-input.js';
import {SLASH_COMMANDS} from '../../source/ui/commands/slash-commands.js';

describe('parseInput (composer text → intent)', () => {
  it('knows every command of the table, in any case, with spaces around', () => {
    for (const {name} of SLASH_COMMANDS) expect(parseInput(`  /${name.toUpperCase()} `)).toEqual({type: 'command', name});
    expect(SLASH_COMMANDS.map((command) => command.name)).toEqual(['help', 'vscode', 'sessions', 'new', 'confirm', 'restart', 'exit']);
  });

  it('answers an unknown command with a did-you-mean when one is near, and a pointer to /help', () => {
    expect(parseInput('/hlep')).toEqual({type: 'error', message: 'Unknown command /hlep. Did you mean /help? Type /help for the list.'});
    expect(parseInput('/sess')).toEqual({
      type: 'error',
      message: 'Unknown command /sess. Did you mean /sessions? Type /help for the list.',
    });
    expect(parseInput('/frobnicate')).toEqual({type: 'error', message: 'Unknown command /frobnicate. Type /help for the list.'});
  });

  it('refuses arguments to a command that takes none', () => {
    expect(parseInput('/exit now')).toEqual({type: 'error', message: '/exit takes no arguments (got "now")'});
  });

  it('runs !command in the shell, and asks for one after a bare !', () => {
    expect(parseInput('!ls -la')).toEqual({type: 'shell', command: 'ls -la'});
    expect(parseInput('  ! git status ')).toEqual({type: 'shell', command: 'git status'});
    expect(parseInput('!')).toEqual({type: 'error', message: 'Type a command after !, e.g. !ls -la'});
  });

  it('sends anything else to the agent, a message starting with a path included', () => {
    expect(parseInput('fix the tests\nplease')).toEqual({type: 'message', text: 'fix the tests\nplease'});
    expect(parseInput('/etc/hosts looks wrong')).toEqual({type: 'message', text: '/etc/hosts looks wrong'});
    expect(parseInput('   ')).toEqual({type: 'empty'});
  });
});
