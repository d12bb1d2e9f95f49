import {execFileSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, test} from 'vitest';
import {dirhash, sourceHash} from '../../source/image/dirhash.js';
import {md5Hex, truncateHash} from '../../source/image/hash.js';
import {imageTags, lockHash, type LockInputs, versionedTag} from '../../source/image/tags.js';
import {packageRoot} from '../../source/lib/version.js';

const inputs: LockInputs = {
  baseImage: 'debian:12',
  templateText: 'FROM {{ base_image }}',
  settings: '{}',
  extraDeps: '',
  extraFiles: [],
};

const scratch = mkdtempSync(join(tmpdir(), 'oh-tui-image-tags-'));
afterAll(() => rmSync(scratch, {recursive: true, force: true}));

/**
 * A fixed folder for the directory-hash vectors: nested folders, an upper-case name that sorts
 * before the lower-case ones, a name with spaces, an empty file, binary bytes, an empty folder and
 * a folder that holds only an empty folder (both left out under the Dirhash Standard).
 */
function fixedTree(): string {
  const root = mkdtempSync(join(scratch, 'tree-'));
  mkdirSync(join(root, 'sub', 'deeper'), {recursive: true});
  mkdirSync(join(root, 'empty'));
  mkdirSync(join(root, 'hollow', 'inner'), {recursive: true});
  writeFileSync(join(root, 'a.txt'), 'hello\n');
  writeFileSync(join(root, 'B.txt'), 'Hello, World');
  writeFileSync(join(root, 'name with space.txt'), '');
  writeFileSync(join(root, 'sub', 'b.txt'), 'world');
  writeFileSync(join(root, 'sub', 'deeper', 'c.bin'), Buffer.from(Array.from({length: 256}, (_, byte) => byte)));
  return root;
}

describe('truncateHash', () => {
  test("OpenHands 0.15.0's own vectors (tests/unit/test_runtime_build.py, test_truncate_hash)", () => {
    expect(truncateHash('b08f254d76b1c6a7ad924708c0032251')).toBe('pma2wc71uq3c9a85');
    expect(truncateHash('102aecc0cea025253c0278f54ebef078')).toBe('4titk6gquia3taj5');
  });

  test('the lock hash of the 0.15.0 release, worked out by us (not a vector from 0.15)', () => {
    // MD5 of "nikolaik/python-nodejs:python3.12-nodejs22" followed by pyproject.toml and poetry.lock
    // at the release commit 851d88593c, computed with md5sum; the 16 characters with a Python
    // divmod loop. 0.15 builds its lock tag from this hash: oh_v0.15.0_e633608yiseshpyx.
    expect(truncateHash('ae3cd30611df8651d2fdd2493d7af8d6')).toBe('e633608yiseshpyx');
  });

  test('emits base-36 digits least-significant first', () => {
    expect(truncateHash((36 * 2 + 1).toString(16))).toBe('12');
    expect(truncateHash('0')).toBe('');
  });
});

describe('versionedTag', () => {
  test("the base-image part of 0.15.0's test_get_tag_for_versioned_image", () => {
    expect(versionedTag('0.15.0', 'nikolaik/python-nodejs:python3.12-nodejs22')).toBe(
      'oh_v0.15.0_nikolaik_s_python-nodejs_t_python3.12-nodejs22',
    );
    expect(versionedTag('0.15.0', 'ubuntu:22.04')).toBe('oh_v0.15.0_ubuntu_t_22.04');
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

describe('dirhash', () => {
  test('matches the Dirhash Standard as computed by an independent implementation', () => {
    const tree = fixedTree();
    // The literal was computed twice, without our code: by a 15-line Python script written from
    // the standard's text (hashlib.md5, sorted descriptors, empty folders left out) and by
    // test/fixtures/dirhash/standard-dirhash.sh (coreutils md5sum and sort), which agree.
    expect(dirhash(tree)).toBe('dcccb33dccdc17128446f955b1dc68e1');
    const script = join(packageRoot, 'test', 'fixtures', 'dirhash', 'standard-dirhash.sh');
    expect(execFileSync('bash', [script, tree], {encoding: 'utf8', env: {PATH: process.env.PATH, LC_ALL: 'C'}}).trim()).toBe(
      'dcccb33dccdc17128446f955b1dc68e1',
    );
  });

  test('changes with a byte of a nested file, and ignores empty folders', () => {
    const tree = fixedTree();
    const before = dirhash(tree);
    mkdirSync(join(tree, 'hollow', 'inner', 'still-empty'));
    expect(dirhash(tree)).toBe(before);
    writeFileSync(join(tree, 'sub', 'deeper', 'c.bin'), 'changed');
    expect(dirhash(tree)).not.toBe(before);
  });
});

describe('pinned tags: a change here makes every user rebuild their runtime image', () => {
  // If this fails, the tag rule changed. Change the literals only on purpose, and say so in the
  // release notes: every existing image stops matching and is rebuilt on the next start.
  const pinned: LockInputs = {
    baseImage: 'nikolaik/python-nodejs:python3.12-nodejs22',
    templateText: 'FROM {{ base_image }}\n',
    settings: '{"vscode":true}',
    extraDeps: 'apt-get install -y jq',
    extraFiles: [Buffer.from('tarball bytes')],
  };

  test('lock and source tag for one fixed set of inputs', () => {
    // The lock hash, worked out without our code: printf the five inputs joined by \0 | md5sum
    // (3dda04e100465ac20fe1b1d28aecbaa3), then the base-36 loop in Python.
    const tags = imageTags('0.1.0', pinned, sourceHash(fixedTree()));
    expect(tags).toEqual({
      versioned: 'oh_v0.1.0_nikolaik_s_python-nodejs_t_python3.12-nodejs22',
      lock: 'oh_v0.1.0_vt7s0p6hm3we5bgf',
      source: 'oh_v0.1.0_vt7s0p6hm3we5bgf_ljqqomjgemm8xcta',
    });
  });
});
