import {describe, expect, it} from 'vitest';
import {UserError} from '../../source/lib/errors.js';
import {defaultSessionId, isValidSessionId, newSessionId, validateSessionId} from '../../source/session/sid.js';

describe('session ids', () => {
  it('accepts letters, digits, "_" and "-" up to 64 characters', () => {
    for (const sid of ['cli', 'a', 'Session_2-b', 'x'.repeat(64)]) expect(validateSessionId(sid)).toBe(sid);
  });

  it.each(['', 'x'.repeat(65), 'a/b', '../etc', 'a b', 'ünï', 'a.b', 'a\nb'])('refuses %j with a UserError naming it', (sid) => {
    expect(isValidSessionId(sid)).toBe(false);
    let caught: unknown;
    try {
      validateSessionId(sid);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UserError);
    expect((caught as UserError).message).toContain(JSON.stringify(sid));
    expect((caught as UserError).hint).toContain('1 to 64 characters');
  });

  it('makes new ids that are valid, distinct and sort by time', () => {
    const early = newSessionId(new Date('2024-12-04T10:00:00.000Z'));
    const late = newSessionId(new Date('2024-12-04T10:00:01.000Z'));
    expect(early).toMatch(/^20241204-100000-[0-9a-f]{6}$/);
    expect(isValidSessionId(early)).toBe(true);
    expect(early < late).toBe(true);
    expect(newSessionId()).not.toBe(newSessionId());
  });

  it('derives one stable default per workspace: readable folder name plus a hash of the path', () => {
    expect(defaultSessionId('/home/me/my app')).toMatch(/^my-app-[0-9a-f]{8}$/);
    expect(defaultSessionId('/home/me/my app')).toBe(defaultSessionId('/home/me/my app/'));
    expect(defaultSessionId('/a/proj')).not.toBe(defaultSessionId('/b/proj'));
    expect(defaultSessionId('/')).toMatch(/^ws-[0-9a-f]{8}$/);
    expect(isValidSessionId(defaultSessionId(`/tmp/${'ü'.repeat(3)}${'long'.repeat(30)}`))).toBe(true);
  });
});
