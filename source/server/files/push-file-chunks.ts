import fs from 'node:fs';

/**
 * Streams a file into an fflate sink chunk by chunk, marking the last chunk final (fflate needs to
 * know which one ends the data, so each chunk is held back until the next one arrives).
 * `between` runs after each chunk (back-pressure); returning true stops early without a final push.
 */
export async function pushFileChunks(
  file: string,
  push: (chunk: Uint8Array, final: boolean) => void,
  // biome-ignore lint/suspicious/noConfusingVoidType: callers pass plain async waits that return nothing
  between: () => Promise<boolean | void> | boolean | void = () => {},
): Promise<void> {
  const input = fs.createReadStream(file, {highWaterMark: 256 * 1024});
  try {
    let previous: Buffer | undefined;
    for await (const chunk of input) {
      if (previous) push(previous, false);
      previous = chunk as Buffer;
      if ((await between()) === true) return;
    }
    push(previous ?? new Uint8Array(0), true);
  } finally {
    input.destroy();
  }
}
