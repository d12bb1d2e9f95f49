import {describe, expect, test} from 'vitest';
import {mkdtempSync, mkdirSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {md5Hex, truncateHash} from '../../source/image/hash.js';
import {dirhash, sourceHash} from '../../source/image/dirhash.js';
import {imageTags, lockHash, versionedTag, type LockInputs} from '../../source/image/tags.js';

const inputs: LockInputs = {
  baseImage: 'debian:12',
  templateText: 'FROM {{ base_image }}',
  settings: '{}',
  extraDeps: '',
  extraFiles: [],
};

describe('truncateHash', () => {
  test('matches the OpenHands 0.15 test vector', () => {
    expect(truncateHash('ae3cd30611df8651d2fdd2493d7af8d6')).toBe('e633608yiseshpyx');
  });

  test('emits base-36 digits least-significant first', () => {
    expect(truncateHash((36 * 2 + 1).toString(16))).toBe('12');
    expect(truncateHash('0')).toBe('');
  });
});

describe('versionedTag', () => {
  test('matches the 0.15 example', () => {
    expect(versionedTag('0.15.0', 'nikolaik/python-nodejs:python3.12-nodejs22')).toBe(
      'oh_v0.15.0_nikolaik_s_python-nodejs_t_python3.12-nodejs22',
    );
  });

  test('lower-cases and keeps the last 96 characters', () => {
    const tag = versionedTag('1.0.0', `Registry.example/${'a'.repeat(120)}:Tag`);
    expect(tag).toBe(`oh_v1.0.0_${`registry.example_s_${'a'.repeat(120)}_t_tag`.slice(-96)}`);
  });
});

describe('lockHash', () => {
  test('changes with each input that changes the image', () => {
    const base = lockHash(inputs);
    expect(base).toMatch(/^[0-9a-z]{1,16}$/);
    expect(lockHash({...inputs, baseImage: 'debian:13'})).not.toBe(base);
    expect(lockHash({...inputs, templateText: 'FROM x'})).not.toBe(base);
    expect(lockHash({...inputs, settings: '{"vscode":false}'})).not.toBe(base);
    expect(lockHash({...inputs, extraDeps: 'apt-get install -y jq'})).not.toBe(base);
    expect(lockHash({...inputs, extraFiles: [Buffer.from('x')]})).not.toBe(base);
    expect(lockHash({...inputs})).toBe(base);
  });

  test('is the truncated MD5 of the inputs in order', () => {
    expect(lockHash(inputs)).toBe(truncateHash(md5Hex(['debian:12', '\0', 'FROM {{ base_image }}', '\0', '{}', '\0', ''])));
  });
});

describe('imageTags', () => {
  test('source tag extends the lock tag', () => {
    const tags = imageTags('0.1.0', inputs, 'abc');
    expect(tags.lock).toBe(`oh_v0.1.0_${lockHash(inputs)}`);
    expect(tags.source).toBe(`${tags.lock}_abc`);
    expect(tags.versioned).toBe('oh_v0.1.0_debian_t_12');
  });
});

describe('dirhash', () => {
  test('follows the Dirhash standard with name and data', () => {
    const directory = mkdtempSync(join(tmpdir(), 'oh-tui-dirhash-'));
    writeFileSync(join(directory, 'a.txt'), 'hello');
    mkdirSync(join(directory, 'sub'));
    writeFileSync(join(directory, 'sub', 'b.txt'), 'world');
    mkdirSync(join(directory, 'empty'));
    const fileA = [`data:${md5Hex(['hello'])}`, 'name:a.txt'].join('\0');
    const subDir = md5Hex([[`data:${md5Hex(['world'])}`, 'name:b.txt'].join('\0')]);
    const sub = [`dirhash:${subDir}`, 'name:sub'].join('\0');
    expect(dirhash(directory)).toBe(md5Hex([[fileA, sub].sort().join('\0\0')]));
    expect(sourceHash(directory)).toBe(truncateHash(dirhash(directory)));

    const before = dirhash(directory);
    writeFileSync(join(directory, 'sub', 'b.txt'), 'world!');
    expect(dirhash(directory)).not.toBe(before);
  });
});
