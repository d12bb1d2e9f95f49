import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {loadConfigForCommand} from '../config/load-for-command.js';
import type {Config} from '../config/types.js';
import {connectDocker, type DockerConnection} from '../docker/connect.js';
import {findContainerByName, removeContainer, runtimeContainerName, stopContainer} from '../docker/containers.js';
import {containerStatesByName, sessionOwnership} from '../docker/session-containers.js';
import {formatAgo, parseAge} from '../lib/age.js';
import {isUserError, UserError} from '../lib/errors.js';
import {acquireSessionLock} from '../session/session-lock.js';
import {type SessionSummary, SessionStore} from '../session/session-store.js';
import {validateSessionId} from '../session/sid.js';
import {askYesNo} from '../ui/confirm.js';
import {type SessionRow, sessionsTable} from '../ui/sessions-table.js';
import {textStyle, wantsColor} from '../ui/text-style.js';
import {eventLines, transcriptHeader} from '../ui/transcript-text.js';

export type SessionsAction = 'sessions' | 'sessions show' | 'sessions rm' | 'sessions prune';

export interface SessionsCommandOptions {
  action: SessionsAction;
  /** The `<sid>` of show and rm. */
  sid: string | undefined;
  configPath: string | undefined;
  json: boolean;
  /** Every workspace's sessions (list, prune); by default only this workspace's. */
  all: boolean;
  olderThan: string | undefined;
  dryRun: boolean;
  yes: boolean;
}

interface Context {
  config: Config;
  store: SessionStore;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
  now: Date;
}

/**
 * `oh-tui sessions [list|show|rm|prune]`: the sessions in `[core] file_store_path`. Listing and
 * pruning look at this workspace's sessions unless --all, as the `/sessions` picker does; show and
 * rm take any sid.
 */
export async function runSessionsCommand(options: SessionsCommandOptions): Promise<number> {
  const {stdout, stderr, env} = process;
  const config = loadConfigForCommand(options.configPath, stderr);
  const context: Context = {config, store: new SessionStore(config.core.file_store_path), stdout, stderr, env, now: new Date()};
  // A reader that quits early (`| head`) is not an error.
  stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(0);
  });
  switch (options.action) {
    case 'sessions':
      return listSessions(context, options);
    case 'sessions show':
      return showSession(context, validateSessionId(options.sid ?? ''), options.json);
    case 'sessions rm':
      return removeSession(context, validateSessionId(options.sid ?? ''), options.yes);
    case 'sessions prune':
      return pruneSessions(context, options);
  }
}

async function listSessions(context: Context, options: SessionsCommandOptions): Promise<number> {
  const {config, stdout, stderr} = context;
  const {shown, hidden, workspace} = sessionsInScope(context, options.all);
  const states = shown.length > 0 ? await containerStatesOrWarn(context) : new Map<string, string>();
  const rows: SessionRow[] = shown.map(({meta, events}) => {
    const container = runtimeContainerName(config, meta.sid);
    const state = states === undefined ? 'unknown' : (states.get(container) ?? 'absent');
    const {sid, title, created, last_active} = meta;
    return {sid, title, workspace: meta.workspace, created, last_active, events, container, container_state: state};
  });
  if (options.json) {
    stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  } else if (rows.length === 0) {
    stdout.write(options.all ? `No sessions in ${context.store.sessionsDir}.\n` : `No sessions of ${workspace}.\n`);
  } else {
    const style = textStyle(wantsColor(stdout, context.env));
    const width = stdout.isTTY ? stdout.columns : undefined;
    const lines = sessionsTable(rows, {now: context.now, style, workspaceColumn: options.all, width, home: os.homedir()});
    stdout.write(`${lines.join('\n')}\n`);
  }
  if (hidden > 0) stderr.write(`oh-tui: ${plural(hidden, 'session')} of other workspaces not shown (--all shows them)\n`);
  return 0;
}

/** This workspace's sessions (or all), most recently active first, and how many others there are. */
function sessionsInScope(context: Context, all: boolean): {shown: SessionSummary[]; hidden: number; workspace: string} {
  const workspace = path.resolve(context.config.core.workspace_base);
  const sessions = context.store.list();
  const shown = all
    ? sessions
    : sessions.filter((session) => session.meta.workspace !== '' && path.resolve(session.meta.workspace) === workspace);
  return {shown, hidden: sessions.length - shown.length, workspace};
}

/** Container states by name; undefined (with a warning) when no engine answers: the list still prints. */
async function containerStatesOrWarn(context: Context): Promise<Map<string, string> | undefined> {
  try {
    const connection = await connectDocker(context.env);
    return await containerStatesByName(connection.containers, context.config.sandbox.container_name_prefix);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    context.stderr.write(`oh-tui: warning: container states are unknown: ${message}\n`);
    return undefined;
  }
}

function showSession(context: Context, sid: string, json: boolean): number {
  const {stdout, stderr} = context;
  const {meta, events, warnings} = context.store.read(sid);
  for (const warning of warnings) stderr.write(`oh-tui: warning: ${warning}\n`);
  if (json) {
    // Written by JSON.stringify and parsed back: the same text as the line in events.jsonl.
    stdout.write(events.map((event) => `${JSON.stringify(event)}\n`).join(''));
    return 0;
  }
  const style = textStyle(wantsColor(stdout, context.env));
  const lines = [...transcriptHeader(meta, events.length, context.now, style), ...events.flatMap((event) => eventLines(event, style))];
  if (events.length === 0) lines.push(style.dim('(no events yet)'));
  stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

async function removeSession(context: Context, sid: string, yes: boolean): Promise<number> {
  const {config, store, stdout, stderr} = context;
  const dir = store.dirOf(sid);
  const hasData = fs.existsSync(dir);
  const events = eventCount(store, sid);
  const name = runtimeContainerName(config, sid);
  const connection = await connectOrExplain(context, `Cannot remove session ${sid}: its container ${name} cannot be checked.`);
  const api = connection.containers;
  const container = await findContainerByName(api, name);
  if (container) {
    const owner = sessionOwnership(container.Config.Labels, name, sid);
    if (!owner.ours) {
      throw new UserError(`Container ${name} is not session ${sid}'s (${owner.reason}); nothing was removed.`, {
        hint: `If it should go, remove it yourself: docker rm -f ${name}`,
      });
    }
  }
  if (!hasData && !container) {
    throw new UserError(`No session ${sid}: no data in ${dir} and no container ${name}.`, {
      hint: 'List the sessions with `oh-tui sessions --all`.',
    });
  }

  // Held until the container is gone: a client that has the session open refuses us, and none opens it meanwhile.
  const lock = hasData ? acquireSessionLock(dir, sid) : undefined;
  try {
    if (!yes) {
      const what = `${container ? `container ${name}, ${container.State.Status}` : 'no container'}, ${plural(events, 'event')}`;
      if (!(await confirm(context, `Remove session ${sid} (${what})?`, `oh-tui sessions rm ${sid} --yes`))) return 1;
    }
    if (container) {
      await stopContainer(api, container.Id);
      await removeContainer(api, container.Id);
    }
  } finally {
    lock?.release();
  }
  if (hasData) store.remove(sid);
  const removed = [container ? `container ${name}` : '', hasData ? `its data (${plural(events, 'event')})` : ''].filter(Boolean);
  stdout.write(`Removed session ${sid}: ${removed.join(' and ')}.\n`);
  if (!container) stderr.write(`oh-tui: session ${sid} had no container ${name}\n`);
  return 0;
}

async function pruneSessions(context: Context, options: SessionsCommandOptions): Promise<number> {
  const {config, store, stdout, stderr, now} = context;
  if (options.olderThan === undefined) {
    throw new UserError('oh-tui sessions prune needs --older-than <age>', {
      hint: 'e.g. oh-tui sessions prune --older-than 7d (ages: 30m, 12h, 7d, 2w)',
    });
  }
  const age = parseAge(options.olderThan);
  if (age === undefined) {
    throw new UserError(`--older-than ${JSON.stringify(options.olderThan)} is not an age`, {
      hint: 'An age is a whole number and a unit: 30m (minutes), 12h (hours), 7d (days) or 2w (weeks).',
    });
  }
  const {shown} = sessionsInScope(context, options.all);
  // A last_active that is not a date is never "old": pruning deletes, so doubt keeps.
  const old = shown.filter(({meta}) => now.getTime() - Date.parse(meta.last_active) > age);
  const scope = options.all ? '' : ' of this workspace';
  if (old.length === 0) {
    stdout.write(`No sessions${scope} were last active more than ${options.olderThan} ago.\n`);
    return 0;
  }
  const connection = await connectOrExplain(context, 'Cannot prune: whether a session still has a container cannot be checked.');
  const states = await containerStatesByName(connection.containers, config.sandbox.container_name_prefix);
  const gone = old.filter(({meta}) => !states.has(runtimeContainerName(config, meta.sid)));
  if (old.length > gone.length) {
    stderr.write(
      `oh-tui: keeping ${plural(old.length - gone.length, 'old session')} that still have a container (oh-tui sessions rm <sid> removes one)\n`,
    );
  }
  if (gone.length === 0) {
    stdout.write(`Nothing to prune${scope}.\n`);
    return 0;
  }
  const describe = ({meta, events}: SessionSummary) =>
    `${meta.sid}  last active ${formatAgo(now.getTime() - Date.parse(meta.last_active))}, ${plural(events, 'event')}${meta.title ? `  ${meta.title}` : ''}`;
  if (options.dryRun) {
    stdout.write(
      `Would remove the data of ${plural(gone.length, 'session')}:\n${gone.map((session) => `  ${describe(session)}\n`).join('')}`,
    );
    return 0;
  }
  if (!options.yes) {
    stderr.write(`${gone.map((session) => `  ${describe(session)}\n`).join('')}`);
    const question = `Remove the data of these ${plural(gone.length, 'session')} (last active more than ${options.olderThan} ago, container gone)?`;
    if (!(await confirm(context, question, `oh-tui sessions prune --older-than ${options.olderThan} --yes`))) return 1;
  }
  let failed = 0;
  for (const session of gone) {
    try {
      store.remove(session.meta.sid);
      stdout.write(`Removed ${describe(session)}\n`);
    } catch (error) {
      if (!isUserError(error)) throw error;
      failed++;
      stderr.write(`oh-tui: kept ${session.meta.sid}: ${error.message}\n`);
    }
  }
  stdout.write(`Removed ${plural(gone.length - failed, 'session')}${failed > 0 ? `; ${failed} could not be removed` : ''}.\n`);
  return failed > 0 ? 1 : 0;
}

/** Asks on a terminal; refuses (a UserError) when there is none to ask on. */
async function confirm(context: Context, question: string, withYes: string): Promise<boolean> {
  if (process.stdin.isTTY !== true) {
    throw new UserError('Not removing anything without a confirmation, and stdin is not a terminal to ask on.', {
      hint: `Pass --yes to remove without asking: ${withYes}`,
    });
  }
  const yes = await askYesNo(question, {input: process.stdin, output: context.stderr});
  if (!yes) context.stderr.write('Nothing removed.\n');
  return yes;
}

async function connectOrExplain(context: Context, why: string): Promise<DockerConnection> {
  try {
    return await connectDocker(context.env);
  } catch (error) {
    if (!isUserError(error)) throw error;
    throw new UserError(`${why} ${error.message}`, {hint: error.hint, cause: error});
  }
}

/** Events recorded for a session; 0 without a readable meta.json (its folder is removed all the same). */
function eventCount(store: SessionStore, sid: string): number {
  try {
    return store.read(sid).events.length;
  } catch (error) {
    if (isUserError(error)) return 0;
    throw error;
  }
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
