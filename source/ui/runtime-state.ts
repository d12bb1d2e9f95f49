/** The runtime as the header shows it. */
export type RuntimeState = 'building' | 'starting' | 'running' | 'stopped' | 'lost';
