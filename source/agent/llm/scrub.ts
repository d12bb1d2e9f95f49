/** `text` with every occurrence of each secret (4 characters or more) replaced by `***`. */
export function scrubSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret === undefined || secret.length < 4) continue;
    out = out.split(secret).join('***');
  }
  return out;
}
