import type {BuildFn} from '../image/ensure-image.js';

/**
 * The BuildFn that shows a build on `stream`: the build screen on a terminal, plain lines otherwise
 * or with `plain`; `color` is the command's decision (colorEnabled). Ink and the screen load only
 * when something is really built.
 */
export function showBuildOn(stream: NodeJS.WriteStream, options: {plain: true} | {plain?: boolean; color: boolean}): BuildFn {
  // Plain lines carry no colour whatever the decision.
  const color = 'color' in options && options.color;
  return async (plan, {signal, ...request}) => {
    const {buildWithScreen} = await import('./run-build-ui.js');
    return buildWithScreen({plan, request, signal, stdout: stream, plain: options.plain, color});
  };
}
