import {createBuildProgress} from '../../image/build-progress.js';
import {runBuild} from '../../image/builder.js';
import type {BuildFn} from '../../image/ensure-image.js';
import {createSnapshot} from '../hooks/use-throttled-snapshot.js';
import type {SessionViewStore} from './session-view-store.js';

/**
 * The BuildFn of the session screen: the build shows inside the app (the build screen in place of
 * the conversation) and the app returns to the session when it is done. A failed build stays on
 * screen with its log until the user retries (the runtime is then 'lost' with the reason).
 */
export function inAppBuild(store: SessionViewStore): BuildFn {
  return async (plan, request) => {
    const snapshot = createSnapshot(createBuildProgress());
    const controller = new AbortController();
    store.setBuild({plan, snapshot, cancel: () => controller.abort(), final: undefined});
    // Cancelled by Esc here, or by the session closing (the request's own signal).
    const signal = request.signal ? AbortSignal.any([request.signal, controller.signal]) : controller.signal;
    try {
      const result = await runBuild({...request, signal, onProgress: (progress) => snapshot.set(progress)});
      snapshot.set(result.progress);
      store.setBuild(result.ok ? undefined : {plan, snapshot, cancel: () => {}, final: result.progress});
      return result;
    } catch (error) {
      store.setBuild(undefined);
      throw error;
    }
  };
}
