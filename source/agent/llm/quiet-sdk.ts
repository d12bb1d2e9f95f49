/**
 * The AI SDK prints its warnings (an unsupported setting, say) with console.warn, which would draw
 * behind Ink's back. Turn that off unless someone installed a logger of their own.
 */
export function silenceSdkWarnings(): void {
  const global = globalThis as {AI_SDK_LOG_WARNINGS?: unknown};
  if (global.AI_SDK_LOG_WARNINGS === undefined) global.AI_SDK_LOG_WARNINGS = false;
}
