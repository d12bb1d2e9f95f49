import type Dockerode from 'dockerode';
import type {Config} from '../config/types.js';
import {runtimeLabels} from './labels.js';

/**
 * Ports the action server and openvscode-server listen on inside the container. Fixed, because
 * each container has its own network namespace; the engine picks the host side (HostPort '0').
 */
export const containerServerPort = 30000;
export const containerVscodePort = containerServerPort + 1;

/** Where the runtime image puts the bundled action server, and the Node that runs it. */
export const actionServerPath = '/openhands/code/action-server.cjs';
// The image links whichever Node it has (the base image's or one it installed) here; PATH may lack it.
export const imageNodePath = '/openhands/bin/node';

export interface ContainerSpecInput {
  config: Config;
  sid: string;
  name: string;
  image: string;
  apiKey: string;
  /** With use_host_network: free host ports chosen beforehand (the container shares the host's). */
  hostNetworkPorts?: {server: number; vscode: number};
}

/** The action server's command line, with OpenHands 0.15's arguments. */
export function serverCommand(config: Config, serverPort: number): string[] {
  const plugins = ['agent_skills', ...(config.sandbox.enable_vscode ? ['vscode'] : [])];
  return [
    imageNodePath,
    actionServerPath,
    String(serverPort),
    '--working-dir',
    config.core.workspace_mount_path_in_sandbox,
    '--username',
    config.core.run_as_openhands ? 'openhands' : 'root',
    '--user-id',
    String(config.sandbox.user_id),
    '--plugins',
    ...plugins,
  ];
}

export function containerSpec(input: ContainerSpecInput): Dockerode.ContainerCreateOptions {
  const {config} = input;
  const hostNetwork = config.sandbox.use_host_network;
  if (hostNetwork && !input.hostNetworkPorts) throw new Error('use_host_network needs host ports chosen beforehand');
  const serverPort = input.hostNetworkPorts?.server ?? containerServerPort;
  const vscodePort = input.hostNetworkPorts?.vscode ?? containerVscodePort;

  // The server's hard command timeout and observation cap come from the config, as 0.15's did.
  const env = [
    `port=${serverPort}`,
    `SESSION_API_KEY=${input.apiKey}`,
    `VSCODE_PORT=${vscodePort}`,
    `SANDBOX_TIMEOUT=${config.sandbox.timeout}`,
    `MAX_MESSAGE_CHARS=${config.sandbox.max_message_chars}`,
  ];
  if (config.core.debug) env.push('DEBUG=true');

  const hostConfig: Dockerode.HostConfig = {
    Init: true,
    Binds: [`${config.core.workspace_base}:${config.core.workspace_mount_path_in_sandbox}:rw`],
  };
  const spec: Dockerode.ContainerCreateOptions = {
    name: input.name,
    Image: input.image,
    Cmd: serverCommand(config, serverPort),
    WorkingDir: '/openhands/code',
    Env: env,
    Labels: runtimeLabels(config, input.sid),
    HostConfig: hostConfig,
  };

  if (hostNetwork) {
    hostConfig.NetworkMode = 'host';
    return spec;
  }
  const published = [serverPort, ...(config.sandbox.enable_vscode ? [vscodePort] : [])];
  spec.ExposedPorts = Object.fromEntries(published.map((port) => [`${port}/tcp`, {}]));
  // An empty HostIp would publish on every interface: only an explicit address opens the API up.
  const hostIp = config.sandbox.runtime_binding_address || '127.0.0.1';
  // HostPort '0': the engine picks a free port, so two clients never race for one.
  hostConfig.PortBindings = Object.fromEntries(published.map((port) => [`${port}/tcp`, [{HostIp: hostIp, HostPort: '0'}]]));
  return spec;
}
