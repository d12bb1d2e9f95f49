const strictDecoder = new TextDecoder('utf-8', {fatal: true});

/** Decodes UTF-8 or returns undefined when the bytes are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return undefined;
  }
}
