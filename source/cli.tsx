#!/usr/bin/env node
import type {CommandName} from './cli/flags.js';
import {checkFlags, parseCommand, splitAtDoubleDash} from './cli/parse-argv.js';
import {parseOptions} from './cli/parse-options.js';
import {reportError} from './cli/report-error.js';
import {debugLine} from './lib/debug-log.js';
import {UserError} from './lib/errors.js';

// Only the parsing above loads at start-up: --help and --version stay close to bare node, and each
// command imports what it needs (Ink, dockerode) itself. Help, version and plain command lines do
// not even load meow (see parseOptions); unusual ones go to meow as always.
async function main(argv: readonly string[]): Promise<number> {
  const {options, rest} = splitAtDoubleDash(argv);
  const parsed = await parseOptions(options);
  if ('print' in parsed) {
    process.stdout.write(parsed.print);
    return 0;
  }
  const {command, args}: {command: CommandName; args: string[]} = parseCommand(parsed.input);
  checkFlags(options, command);
  if (rest.length > 0 && command !== 'exec') {
    throw new UserError('arguments after `--` are only for `oh-tui exec`', {hint: 'run `oh-tui --help` for the usage'});
  }
  const {flags} = parsed;
  if (flags.session !== undefined) {
    const {validateSessionId} = await import('./session/sid.js');
    validateSessionId(flags.session);
  }

  switch (command) {
    case 'build': {
      const {runBuildCommand} = await import('./commands/build.js');
      return runBuildCommand({
        configPath: flags.config,
        forceRebuild: flags.forceRebuild ?? false,
        dryRun: flags.dryRun ?? false,
        json: flags.json ?? false,
      });
    }
    case 'exec': {
      if (rest.length === 0) {
        throw new UserError('oh-tui exec needs a command after `--`', {hint: 'oh-tui exec -- ls -la'});
      }
      const {runExecCommand} = await import('./commands/exec.js');
      return runExecCommand({configPath: flags.config, sid: flags.session, command: rest});
    }
    case 'vscode': {
      const {runVscodeCommand} = await import('./commands/vscode.js');
      return runVscodeCommand({configPath: flags.config, sid: flags.session, open: flags.open ?? false});
    }
    case 'sessions':
    case 'sessions show':
    case 'sessions rm':
    case 'sessions prune': {
      const {runSessionsCommand} = await import('./commands/sessions.js');
      return runSessionsCommand({
        action: command,
        sid: args[0],
        configPath: flags.config,
        json: flags.json ?? false,
        all: flags.all ?? false,
        olderThan: flags.olderThan,
        dryRun: flags.dryRun ?? false,
        yes: flags.yes ?? false,
      });
    }
    case '': {
      const {runSessionCommand} = await import('./commands/session.js');
      return runSessionCommand({
        configPath: flags.config,
        sid: flags.session,
        forceRebuild: flags.forceRebuild ?? false,
        inline: flags.inline ?? false,
        run: {
          task: flags.task,
          file: flags.file,
          headless: flags.headless,
          json: flags.json,
          maxIterations: flags.maxIterations,
          maxBudgetPerTask: flags.maxBudgetPerTask,
          llmConfig: flags.llmConfig,
          directory: flags.directory,
          model: flags.model,
          confirm: flags.confirm,
        },
      });
    }
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    debugLine('exit', `exit code ${code}`);
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = reportError(error);
  },
);
