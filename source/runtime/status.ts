/** How the runtime was reached: an already running container, a stopped one started, or a new one. */
export type RuntimeOrigin = 'attached' | 'started' | 'created';

/** What openRuntime is doing, for a status line or the header bar. */
export type RuntimeStatus =
  | {type: 'finding'; container: string}
  | {type: 'preparing-image'; container: string}
  | {type: 'creating'; container: string; image: string}
  | {type: 'starting'; container: string}
  | {type: 'waiting'; container: string; apiUrl: string}
  | {type: 'exporting-env'; container: string; names: string[]}
  | {type: 'ready'; container: string; apiUrl: string; origin: RuntimeOrigin}
  | {type: 'stopping'; container: string}
  | {type: 'stop-failed'; container: string; message: string};

export function describeStatus(status: RuntimeStatus): string {
  switch (status.type) {
    case 'finding':
      return `Looking for container ${status.container}`;
    case 'preparing-image':
      return `Container ${status.container} does not exist: preparing the runtime image`;
    case 'creating':
      return `Creating container ${status.container} from ${status.image}`;
    case 'starting':
      return `Starting container ${status.container}`;
    case 'waiting':
      return `Waiting for the action server at ${status.apiUrl}`;
    case 'exporting-env':
      return `Exporting ${status.names.join(', ')} into the shell`;
    case 'ready':
      return `Runtime ${status.container} ready (${status.origin}) at ${status.apiUrl}`;
    case 'stopping':
      return `Stopping container ${status.container}`;
    case 'stop-failed':
      return `Could not stop container ${status.container}: ${status.message}`;
  }
}
