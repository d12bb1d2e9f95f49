// Benchmark of the session screen while the agent's answer streams in (not a test). Prints its row
// (bench/lib.mjs emitRow):
//   draft_repaints_per_s   frames Ink writes per second while 1,000 tokens a second reach the
//                          screen's store one by one (AgentStatus.draft growing by a token each
//                          time), the conversation pane drawn with the draft as its last item, Ink at
//                          the session screen's maxFps (SCREEN_MAX_FPS); one sample per 2 s round. A
//                          frame is one synchronized update (Ink writes ESC[?2026h, the frame, ESC[?2026l).
// Budget (issue 8): ≤ 30 repaints a second whatever the token rate.
import {performance} from 'node:perf_hooks';
import {Writable} from 'node:stream';
import {emitRow, round} from './lib.mjs';
import {importSource} from './lib.mjs';

process.env.NODE_ENV ??= 'production';
const {render, Box} = await import('ink');
const {createElement, useSyncExternalStore} = await import('react');

const ui = await importSource(
  'events/transcript',
  'ui/layout/line-layout',
  'ui/layout/viewport',
  'ui/panes/EventsPane',
  'ui/screen-fps',
  'ui/session/session-view-store',
);

const WIDTH = 120;
const HEIGHT = 40;
const ROUNDS = 5;
const ROUND_MS = 2000;
const TOKENS_PER_S = 1000;

function App({store, layout}) {
  const view = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const transcript = ui.withDraft(view.transcript, view.agent?.draft);
  return createElement(
    Box,
    {flexDirection: 'column'},
    createElement(ui.EventsPane, {transcript, position: ui.followTail, layout, width: WIDTH, height: HEIGHT}),
  );
}

const status = (draft) => ({
  state: 'running',
  model: 'bench/model',
  usage: {inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0},
  cost: undefined,
  confirmationMode: false,
  draft,
  reason: '',
});

async function round_() {
  let frames = 0;
  const stdout = Object.assign(
    new Writable({
      write(chunk, _encoding, done) {
        // Ink wraps each frame in a synchronized update (ESC[?2026h … ESC[?2026l): one frame, three writes.
        if (String(chunk).startsWith('\u001b[?2026h')) frames++;
        done();
      },
    }),
    {columns: WIDTH, rows: HEIGHT + 2, isTTY: true},
  );
  const store = new ui.SessionViewStore(
    {state: 'running', detail: '', container: 'c', image: undefined, vscodeUrl: undefined, vscodeNote: undefined},
    [],
  );
  const instance = render(createElement(App, {store, layout: new ui.LineLayout()}), {
    stdout,
    patchConsole: false,
    maxFps: ui.SCREEN_MAX_FPS,
    incrementalRendering: false,
  });
  await new Promise((resolve) => setTimeout(resolve, 100));
  frames = 0;
  let draft = '';
  let tokens = 0;
  const started = performance.now();
  await new Promise((resolve) => {
    const timer = setInterval(() => {
      // However the timer slips, the tokens due by now arrive, each as its own status change.
      const due = Math.floor(((performance.now() - started) / 1000) * TOKENS_PER_S);
      for (; tokens < due; tokens++) {
        draft += tokens % 12 === 11 ? '\n' : `tok${tokens % 10} `;
        store.setAgent(status(draft));
      }
      if (performance.now() - started >= ROUND_MS) {
        clearInterval(timer);
        resolve();
      }
    }, 1);
  });
  const seconds = (performance.now() - started) / 1000;
  const perSecond = frames / seconds;
  instance.unmount();
  store.dispose();
  return {perSecond, tokensPerSecond: tokens / seconds};
}

const samples = [];
const rates = [];
for (let index = 0; index < ROUNDS; index++) {
  const {perSecond, tokensPerSecond} = await round_();
  samples.push(round(perSecond, 1));
  rates.push(round(tokensPerSecond, 0));
}
emitRow({
  id: 'draft_repaints_per_s',
  what: `frames written per second while ${TOKENS_PER_S} tokens/s stream into the draft (Ink maxFps ${ui.SCREEN_MAX_FPS}, store batched)`,
  unit: 'frames/s',
  samples,
  budgets: [{kind: 'abs-max', value: 30}],
  note: `tokens delivered per second in the rounds: ${rates.join(', ')}`,
});
