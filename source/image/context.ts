import {execFileSync} from 'node:child_process';
import {cpSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {SandboxConfig} from '../config/types.js';
import {UserError} from '../lib/errors.js';
import {dockerfileVariables} from './dockerfile.js';
import type {RuntimeImageInputs} from './inputs.js';
import {renderDockerfile} from './render-dockerfile.js';
import type {ImagePlan} from './plan.js';

export interface BuildContext {
  directory: string;
  dispose(): void;
}

/** The Dockerfile for a plan; the reuse plan renders as the scratch build it stands for. */
export function dockerfileFor(plan: ImagePlan, sandbox: SandboxConfig, templateText?: string): string {
  const strategy = plan.strategy === 'reuse' ? 'scratch' : plan.strategy;
  const fromImage = plan.strategy === 'reuse' ? plan.baseImage : plan.fromImage;
  return renderDockerfile(dockerfileVariables(sandbox, strategy, fromImage), templateText);
}

/**
 * A temporary build context: Dockerfile, code/ (the bundled action server) and, when
 * openvscode-server comes from a local folder or archive, vscode/openvscode-server/.
 * The Dockerfile is rendered from the template text the lock tag was hashed from.
 */
export function prepareBuildContext(plan: ImagePlan, sandbox: SandboxConfig, inputs: RuntimeImageInputs): BuildContext {
  const directory = mkdtempSync(join(tmpdir(), 'oh-tui-build-'));
  const dispose = () => rmSync(directory, {recursive: true, force: true});
  try {
    writeFileSync(join(directory, 'Dockerfile'), dockerfileFor(plan, sandbox, inputs.lockInputs.templateText));
    cpSync(inputs.codeDirectory, join(directory, 'code'), {recursive: true});
    const local = sandbox.openvscode_server_tarball;
    if (sandbox.enable_vscode && local !== undefined) {
      const target = join(directory, 'vscode', 'openvscode-server');
      mkdirSync(target, {recursive: true});
      if (statSync(local).isDirectory()) {
        cpSync(local, target, {recursive: true});
      } else {
        // Release archives hold one top folder (openvscode-server-vX-linux-arch/).
        execFileSync('tar', ['-xzf', local, '--strip-components=1', '-C', target]);
      }
    }
    return {directory, dispose};
  } catch (error) {
    dispose();
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') {
      throw new UserError(`cannot prepare the build context: ${error.message}`, {
        hint: 'check [sandbox] openvscode_server_tarball, and run `npm run build` so dist/server exists',
      });
    }
    throw error;
  }
}
