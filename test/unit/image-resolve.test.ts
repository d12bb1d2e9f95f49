import {describe, expect, test} from 'vitest';
import {planRuntimeImage, tagsToApply} from '../../source/image/resolve.js';

const tags = {source: 'oh_v1_lock_src', lock: 'oh_v1_lock', versioned: 'oh_v1_debian_t_12'};
const repo = 'oh-tui/runtime';
const existing =
  (...tagNames: string[]) =>
  async (reference: string) =>
    tagNames.some((tag) => reference === `${repo}:${tag}`);

const plan = (present: string[], forceRebuild = false) =>
  planRuntimeImage({repo, baseImage: 'debian:12', tags, forceRebuild, imageExists: existing(...present)});

describe('planRuntimeImage decision order', () => {
  test('source tag present: reuse, no build', async () => {
    const result = await plan([tags.source, tags.lock, tags.versioned]);
    expect(result.strategy).toBe('reuse');
    expect(result.image).toBe(`${repo}:${tags.source}`);
    expect(result.reason).toMatch(/no build/);
  });

  test('lock tag present: build FROM it', async () => {
    const result = await plan([tags.lock, tags.versioned]);
    expect(result).toMatchObject({strategy: 'lock', fromImage: `${repo}:${tags.lock}`});
  });

  test('versioned tag present: build FROM it', async () => {
    const result = await plan([tags.versioned]);
    expect(result).toMatchObject({strategy: 'versioned', fromImage: `${repo}:${tags.versioned}`});
  });

  test('nothing present: scratch from the base image', async () => {
    const result = await plan([]);
    expect(result).toMatchObject({strategy: 'scratch', fromImage: 'debian:12', image: `${repo}:${tags.source}`});
  });

  test('force rebuild wins over an existing source tag', async () => {
    const result = await plan([tags.source], true);
    expect(result).toMatchObject({strategy: 'scratch', fromImage: 'debian:12'});
    expect(result.reason).toMatch(/forced/);
  });
});

describe('tagsToApply', () => {
  test('scratch applies all three tags', async () => {
    const result = await plan([]);
    expect(await tagsToApply(result, existing())).toEqual([`${repo}:${tags.source}`, `${repo}:${tags.lock}`, `${repo}:${tags.versioned}`]);
  });

  test('a lock build leaves the existing lock and versioned tags where they are', async () => {
    const present = existing(tags.lock, tags.versioned);
    const result = await plan([tags.lock, tags.versioned]);
    expect(await tagsToApply(result, present)).toEqual([`${repo}:${tags.source}`]);
  });

  test('a versioned build adds the missing lock tag', async () => {
    const present = existing(tags.versioned);
    const result = await plan([tags.versioned]);
    expect(await tagsToApply(result, present)).toEqual([`${repo}:${tags.source}`, `${repo}:${tags.lock}`]);
  });
});
