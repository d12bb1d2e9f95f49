import {describe, expect, it} from 'vitest';
import {unansweredActions} from '../../source/events/unanswered.js';

describe('unansweredActions', () => {
  it('finds the runtime actions no observation answers, and only those', () => {
    const events = [
      {id: 0, action: 'message'},
      {id: 1, action: 'run'},
      {id: 2, observation: 'run', cause: 1},
      {id: 3, action: 'edit'},
      {id: 4, observation: 'agent_state_changed'},
      {id: 5, action: 'run'},
    ];
    expect(unansweredActions(events)).toEqual([3, 5]);
    expect(unansweredActions([...events, {id: 6, observation: 'error', cause: 5}, {id: 7, observation: 'edit', cause: 3}])).toEqual([]);
  });
});
