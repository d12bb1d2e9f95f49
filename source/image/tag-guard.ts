/**
 * "No partial tag": before a build we note which requested tags exist and what they point at;
 * after a build that did not succeed (cancelled, failed half-way through tagging) each tag is put
 * back: a tag the run created is removed, a tag it moved is moved back to its old image.
 */
import type Dockerode from 'dockerode';

export interface TagSnapshot {
  tag: string;
  /** Image id the tag pointed at before the build, undefined when it did not exist. */
  imageId: string | undefined;
}

export async function snapshotTags(docker: Dockerode, tags: readonly string[]): Promise<TagSnapshot[]> {
  return Promise.all(tags.map(async (tag) => ({tag, imageId: await imageIdOf(docker, tag)})));
}

/** Puts every tag back as it was; returns one line per tag it had to change, for the raw log. */
export async function restoreTags(docker: Dockerode, snapshot: readonly TagSnapshot[]): Promise<string[]> {
  const changes: string[] = [];
  for (const {tag, imageId: before} of snapshot) {
    const now = await imageIdOf(docker, tag);
    if (now === before) continue;
    if (before !== undefined) {
      try {
        await docker.getImage(before).tag(splitImageRef(tag));
        changes.push(`restored tag ${tag} to ${shortId(before)}`);
        continue;
      } catch {
        // The old image is gone: removing the tag is the closest to "as before".
      }
    }
    if (now !== undefined) {
      // Untag only: noprune keeps parent layers that may belong to other images.
      await docker.getImage(tag).remove({noprune: true});
      changes.push(`removed tag ${tag} left by the unfinished build`);
    }
  }
  return changes;
}

async function imageIdOf(docker: Dockerode, reference: string): Promise<string | undefined> {
  try {
    const info = await docker.getImage(reference).inspect();
    return info.Id;
  } catch (error) {
    if ((error as {statusCode?: number}).statusCode === 404) return undefined;
    throw error;
  }
}

/** `repo/name:tag` → {repo, tag}; the tag is after the last colon that follows the last slash. */
export function splitImageRef(reference: string): {repo: string; tag: string} {
  const slash = reference.lastIndexOf('/');
  const colon = reference.lastIndexOf(':');
  if (colon > slash) return {repo: reference.slice(0, colon), tag: reference.slice(colon + 1)};
  return {repo: reference, tag: 'latest'};
}

const shortId = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);

/** A Docker API error as one line a person can act on. */
export function describeDockerError(error: unknown): string {
  const e = error as {code?: string; address?: string; statusCode?: number; json?: {message?: string}; message?: string};
  if (e?.code === 'ECONNREFUSED' || e?.code === 'ENOENT') {
    return `Cannot connect to the Docker daemon at ${e.address ?? 'its socket'} (${e.code}). Is the docker daemon running?`;
  }
  const message = e?.json?.message ?? e?.message ?? String(error);
  return e?.statusCode === undefined ? message : `${message} (HTTP ${e.statusCode})`;
}
