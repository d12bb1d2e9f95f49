import type {BuildFn} from '../image/ensure-image.js';

/**
 * The BuildFn that shows a build on `stream`: the build screen on a terminal, plain lines otherwise
 * or with `plain`. Ink and the screen load only when something is really built.
 */
export function showBuildOn(stream: NodeJS.WriteStream, options: {plain?: boolean} = {}): BuildFn {
  return async (plan, {signal, ...request}) => {
    const {buildWithScreen} = await import('./run-build-ui.js');
    return buildWithScreen({plan, request, signal, stdout: stream, plain: options.plain});
  };
}
