/** A transient line above the footer: what just happened, or what a key needs next. */
export interface Notice {
  text: string;
  tone: 'info' | 'warning' | 'error';
  /** How long it stays (ms); the quit prompt stays exactly as long as the quit window. */
  ttlMs: number;
}

export const NOTICE_TTL_MS = 5000;

export const notice = (text: string, tone: Notice['tone'] = 'info', ttlMs = NOTICE_TTL_MS): Notice => ({text, tone, ttlMs});
