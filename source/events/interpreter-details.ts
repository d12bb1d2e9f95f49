/**
 * 0.15 put the re-assembled prompt (with the python interpreter line when python exists) into a run
 * observation's `interpreter_details`; our server does the same, so the cwd travels in a field every
 * 0.15 client accepts. The writer (server) and the reader (clients) live together so they agree.
 */
export function interpreterDetails(options: {pythonPath: string | undefined; user: string; uid: number; cwd: string}): string {
  const python = options.pythonPath ? `[Python Interpreter: ${options.pythonPath}]\n` : '';
  return `${python}${options.user}@openhands-workspace:${options.cwd} ${options.uid === 0 ? '#' : '$'} `;
}

/** The cwd inside `interpreter_details`, or undefined when it holds no prompt line. */
export function cwdFromInterpreterDetails(details: string): string | undefined {
  const lastLine = details.split('\n').at(-1) ?? '';
  const match = /^[^@\s]*@openhands-workspace:(.*) [$#] $/.exec(lastLine);
  return match?.[1];
}
