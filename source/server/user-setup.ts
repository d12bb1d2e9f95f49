import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import {StartupError} from './startup-error.js';
import type {ShellUser} from './shell/shell-launch.js';

export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

export function parsePasswd(text: string): PasswdEntry[] {
  const entries: PasswdEntry[] = [];
  for (const line of text.split('\n')) {
    const [name, , uid, gid, , home] = line.split(':');
    if (!name || uid === undefined || gid === undefined || home === undefined) continue;
    entries.push({name, uid: Number(uid), gid: Number(gid), home});
  }
  return entries;
}

export type UserPlan = {kind: 'current'; warning?: string} | {kind: 'existing'; warning?: string} | {kind: 'create'};

/**
 * What to do about the session user (0.15 runtime_init): as root, use the user when it exists
 * (warning when its uid differs) or create it; as anybody else, only that same user can be served.
 */
export function planSessionUser(input: {
  currentUid: number;
  currentName: string;
  requestedName: string;
  requestedUid: number;
  existing: PasswdEntry | undefined;
}): UserPlan {
  const {currentUid, currentName, requestedName, requestedUid, existing} = input;
  if (currentUid !== 0) {
    if (requestedName !== currentName) {
      throw new StartupError(
        `the server runs as ${currentName} (uid ${currentUid}) and cannot act as user ${requestedName}; ` +
          `start it as root or with --username ${currentName}`,
      );
    }
    return requestedUid === currentUid
      ? {kind: 'current'}
      : {kind: 'current', warning: `--user-id ${requestedUid} differs from the uid of ${currentName}; using ${currentUid}`};
  }
  if (requestedName === currentName) return {kind: 'current'};
  if (existing) {
    return existing.uid === requestedUid
      ? {kind: 'existing'}
      : {kind: 'existing', warning: `user ${requestedName} exists with uid ${existing.uid}, not ${requestedUid}; using ${existing.uid}`};
  }
  return {kind: 'create'};
}

export interface SessionUserSetup {
  user: ShellUser;
  /** True when the server (root) must switch to another user for the shell and VS Code. */
  switchUser: boolean;
}

export function prepareSessionUser(requestedName: string, requestedUid: number, log: (message: string) => void): SessionUserSetup {
  const currentUid = process.getuid?.() ?? 0;
  const currentName = os.userInfo().username;
  const plan = planSessionUser({
    currentUid,
    currentName,
    requestedName,
    requestedUid,
    existing: findUser(requestedName),
  });
  if ('warning' in plan && plan.warning) log(plan.warning);
  if (plan.kind === 'current') {
    return {
      user: {name: currentName, uid: currentUid, gid: process.getgid?.() ?? 0, home: process.env.HOME ?? os.homedir()},
      switchUser: false,
    };
  }
  if (plan.kind === 'create') createUser(requestedName, requestedUid, log);
  const entry = findUser(requestedName);
  if (!entry) throw new StartupError(`user ${requestedName} is missing after useradd`);
  return {user: entry, switchUser: true};
}

/** 0.15: mkdir -p, owned by the user with group root, group-writable (not recursive: a mounted workspace keeps its owners). */
export function prepareWorkingDir(dir: string, setup: SessionUserSetup): void {
  fs.mkdirSync(dir, {recursive: true});
  if (!setup.switchUser) return;
  fs.chownSync(dir, setup.user.uid, 0);
  fs.chmodSync(dir, fs.statSync(dir).mode | 0o060);
}

function readPasswd(): PasswdEntry[] {
  try {
    return parsePasswd(fs.readFileSync('/etc/passwd', 'utf8'));
  } catch {
    return [];
  }
}

function findUser(name: string): PasswdEntry | undefined {
  return readPasswd().find((entry) => entry.name === name);
}

const SUDOERS_LINE = '%sudo ALL=(ALL) NOPASSWD:ALL';

function createUser(name: string, uid: number, log: (message: string) => void): void {
  try {
    const sudoers = fs.existsSync('/etc/sudoers') ? fs.readFileSync('/etc/sudoers', 'utf8') : undefined;
    if (sudoers !== undefined && !sudoers.includes(SUDOERS_LINE)) fs.appendFileSync('/etc/sudoers', `\n${SUDOERS_LINE}\n`);
  } catch (error) {
    log(`cannot add the sudo rule: ${(error as Error).message}`);
  }
  const base = ['-rm', '-d', `/home/${name}`, '-s', '/bin/bash', '-g', 'root'];
  const hasSudoGroup = fs.existsSync('/etc/group') && /^sudo:/m.test(fs.readFileSync('/etc/group', 'utf8'));
  // A host user id that the image already uses (0 when the host runs as root) is shared, not refused.
  const uidTaken = readPasswd().some((entry) => entry.uid === uid);
  if (uidTaken) log(`uid ${uid} already belongs to another user; ${name} shares it`);
  const args = [...base, ...(hasSudoGroup ? ['-G', 'sudo'] : []), ...(uidTaken ? ['-o'] : []), '-u', String(uid), name];
  try {
    execFileSync('useradd', args, {stdio: ['ignore', 'ignore', 'pipe']});
  } catch (error) {
    const stderr = (error as {stderr?: Buffer}).stderr?.toString().trim();
    throw new StartupError(`cannot create user ${name} with uid ${uid}: ${stderr || (error as Error).message}`);
  }
  log(`created user ${name} (uid ${uid})`);
}
