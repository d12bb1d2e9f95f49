import {configHash} from '../config/hash.js';
import type {Config} from '../config/types.js';
import {version} from '../lib/version.js';

/** Labels oh-tui puts on its runtime containers. The name is the identity; labels say what it holds. */
export const labelKeys = {
  session: 'oh-tui.session',
  workspace: 'oh-tui.workspace',
  configHash: 'oh-tui.config-hash',
  version: 'oh-tui.version',
} as const;

export interface RuntimeLabels {
  session: string;
  workspace: string;
  configHash: string;
  version: string;
}

export function runtimeLabels(config: Config, sid: string): Record<string, string> {
  return {
    [labelKeys.session]: sid,
    [labelKeys.workspace]: config.core.workspace_base,
    [labelKeys.configHash]: configHash(config),
    [labelKeys.version]: version,
  };
}

/** Our labels on a container, or undefined for a container oh-tui did not make (e.g. OpenHands'). */
export function readRuntimeLabels(labels: Record<string, string> | null | undefined): RuntimeLabels | undefined {
  const session = labels?.[labelKeys.session];
  if (session === undefined || !labels) return undefined;
  return {
    session,
    workspace: labels[labelKeys.workspace] ?? '',
    configHash: labels[labelKeys.configHash] ?? '',
    version: labels[labelKeys.version] ?? '',
  };
}

/** Differences between a found container and the current setup, as sentences for the user. */
export function labelDrift(found: RuntimeLabels | undefined, config: Config, containerName: string): string[] {
  if (!found) return [];
  const notes: string[] = [];
  if (found.workspace && found.workspace !== config.core.workspace_base) {
    notes.push(
      `Container ${containerName} mounts workspace ${found.workspace}, not ${config.core.workspace_base}; remove it to recreate it with this workspace.`,
    );
  }
  if (found.configHash && found.configHash !== configHash(config)) {
    notes.push(`Container ${containerName} was created with different [sandbox] settings; remove it to apply the current ones.`);
  }
  if (found.version && found.version !== version) {
    notes.push(
      `Container ${containerName} was made by oh-tui ${found.version} (this is ${version}); remove it to get the current runtime.`,
    );
  }
  return notes;
}
