/** The signals that end a command, with the exit code a shell reports for each (128 + its number). */
export const EXIT_SIGNAL_CODES = {SIGHUP: 129, SIGINT: 130, SIGTERM: 143} as const;

export type ExitSignal = keyof typeof EXIT_SIGNAL_CODES;

const EXIT_SIGNALS = Object.keys(EXIT_SIGNAL_CODES) as ExitSignal[];

/** The abort reason when a signal ends a command: not a bug, and not a user mistake either. */
export class Interrupted extends Error {
  readonly exitCode: number;

  constructor(readonly signalName: ExitSignal) {
    super(`interrupted by ${signalName}`);
    this.name = 'Interrupted';
    this.exitCode = EXIT_SIGNAL_CODES[signalName];
  }
}

/** The exit code for work cancelled with `reason`: the signal's, else 130 as for Ctrl+C (Esc on a screen). */
export function cancelExitCode(reason: unknown): number {
  return reason instanceof Interrupted ? reason.exitCode : EXIT_SIGNAL_CODES.SIGINT;
}

export interface ExitSignalTrap {
  /** Aborted, with an Interrupted reason, by the first SIGINT, SIGTERM or SIGHUP. */
  readonly signal: AbortSignal;
  /** The first signal received, or undefined. */
  received(): Interrupted | undefined;
  dispose(): void;
}

/**
 * Turns SIGINT, SIGTERM and SIGHUP into an abort, so a command can stop what it started before it
 * exits instead of dying half-way. A second signal while it cleans up calls `onSecond`: the user
 * insists, and the command should leave at once.
 */
export function trapExitSignals(
  options: {onSecond: (interrupted: Interrupted) => void},
  target: Pick<NodeJS.EventEmitter, 'on' | 'off'> = process,
): ExitSignalTrap {
  const controller = new AbortController();
  const handlers = EXIT_SIGNALS.map((name) => {
    const handler = () => {
      const interrupted = new Interrupted(name);
      if (controller.signal.aborted) options.onSecond(interrupted);
      else controller.abort(interrupted);
    };
    target.on(name, handler);
    return [name, handler] as const;
  });
  return {
    signal: controller.signal,
    received: () => (controller.signal.aborted ? (controller.signal.reason as Interrupted) : undefined),
    dispose() {
      for (const [name, handler] of handlers) target.off(name, handler);
    },
  };
}
