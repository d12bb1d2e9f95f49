/**
 * The most frames a second Ink draws the session screen with. What streams in is throttled before it
 * reaches Ink (the terminal pane reads its emulator ~30 times a second, the agent's draft is batched
 * at 40 ms), so the 60 is for keys: under Ink's throttle, which restarts its wait at every call, a key
 * 20 ms after a frame showed ~35 ms later at 30, ~5 ms at 60 (bench/terminal-flood.mjs: echo p95
 * ~190 ms at 30 under a 20 MB flood, ~50 ms at 60).
 */
export const SCREEN_MAX_FPS = 60;
