import {strFromU8, strToU8, unzipSync, zipSync} from 'fflate';
import {beforeAll, describe, expect, it} from 'vitest';
import type {SuiteContext} from '../protocol-suite.js';

const PROTECTED = [
  ['GET', '/server_info'],
  ['POST', '/execute_action'],
  ['POST', '/list_files'],
  ['POST', '/upload_file'],
  ['GET', '/download_files?path=/'],
  ['GET', '/vscode/connection_token'],
  ['GET', '/no-such-route'],
] as const;

function uploadForm(name: string, bytes: Uint8Array, field = 'file'): FormData {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(bytes)]), name);
  return form;
}

export function defineEndpointTests({client, scratch, vscode}: SuiteContext): void {
  describe('endpoints', () => {
    beforeAll(async () => {
      const made = await client().runToEnd(`mkdir -p '${scratch()}'`);
      expect(made.extras.exit_code).toBe(0);
    });

    it('GET /alive answers {"status":"ok"} without a key', async () => {
      const result = await client().request('GET', '/alive', {key: null});
      expect(result.status).toBe(200);
      expect(result.json).toEqual({status: 'ok'});
    });

    it.each(PROTECTED)('%s %s needs X-Session-API-Key (401 with a JSON detail)', async (method, path) => {
      for (const key of [null, 'wrong-key']) {
        const result = await client().request(method, path, {key});
        expect(result.status).toBe(401);
        expect(result.json).toEqual({detail: expect.stringContaining('X-Session-API-Key')});
      }
    });

    it('answers unknown routes with 404 and wrong methods with 405, as JSON', async () => {
      const missing = await client().request('GET', '/no-such-route');
      expect(missing.status).toBe(404);
      expect(missing.json).toEqual({detail: 'Not Found'});
      const wrongMethod = await client().request('GET', '/execute_action');
      expect(wrongMethod.status).toBe(405);
      expect(wrongMethod.json).toEqual({detail: 'Method Not Allowed'});
    });

    it('GET /server_info reports uptime, idle time and real resource numbers', async () => {
      await client().runToEnd('true');
      const result = await client().request('GET', '/server_info');
      expect(result.status).toBe(200);
      const info = result.json as {uptime: number; idle_time: number; resources: Record<string, Record<string, number> | number>};
      expect(Object.keys(info)).toEqual(['uptime', 'idle_time', 'resources']);
      expect(info.uptime).toBeGreaterThan(0);
      expect(info.idle_time).toBeGreaterThanOrEqual(0);
      expect(info.idle_time).toBeLessThan(info.uptime);
      expect(typeof info.resources.cpu_percent).toBe('number');
      const memory = info.resources.memory as Record<string, number>;
      expect(memory.rss).toBeGreaterThan(10 * 1024 * 1024);
      expect(memory.vms).toBeGreaterThan(memory.rss!);
      expect(memory.percent).toBeGreaterThan(0);
      const disk = info.resources.disk as {total: number; used: number; free: number; percent: number};
      expect(disk.total).toBeGreaterThan(0);
      expect(disk.used + disk.free).toBeLessThanOrEqual(disk.total);
      expect(disk.percent).toBeGreaterThan(0);
      expect(Object.keys(info.resources.io as object)).toEqual(['read_bytes', 'write_bytes']);
    });

    it('POST /list_files lists directories first (with /), each group case-insensitively sorted', async () => {
      const dir = `${scratch()}/listing`;
      const made = await client().runToEnd(
        `mkdir -p '${dir}/beta' '${dir}/Alpha' && touch '${dir}/b.txt' '${dir}/A.txt' '${dir}/.hidden' '${dir}/c.TXT'`,
      );
      expect(made.extras.exit_code).toBe(0);
      const listed = await client().request('POST', '/list_files', {body: {path: dir}});
      expect(listed.status).toBe(200);
      expect(listed.json).toEqual(['Alpha/', 'beta/', '.hidden', 'A.txt', 'b.txt', 'c.TXT']);
    });

    it('POST /list_files resolves a relative path against the working dir and lists it without a path', async () => {
      const relative = scratch().slice(client().target.workspace.replace(/\/$/, '').length + 1);
      const withoutPath = await client().request('POST', '/list_files', {body: {}});
      expect(withoutPath.json).toEqual(expect.arrayContaining([`${relative}/`]));
      const relativeListing = await client().request('POST', '/list_files', {body: {path: `${relative}/listing`}});
      expect(relativeListing.json).toEqual(expect.arrayContaining(['Alpha/', 'b.txt']));
    });

    it('POST /list_files gives [] for a missing path or a file, and 400 for a non-string path', async () => {
      expect((await client().request('POST', '/list_files', {body: {path: `${scratch()}/nope`}})).json).toEqual([]);
      expect((await client().request('POST', '/list_files', {body: {path: `${scratch()}/listing/b.txt`}})).json).toEqual([]);
      const bad = await client().request('POST', '/list_files', {body: {path: 5}});
      expect(bad.status).toBe(400);
      expect(bad.json).toEqual({detail: expect.stringContaining('"path"')});
    });

    it('POST /upload_file saves a single file under the destination, creating it', async () => {
      const destination = `${scratch()}/upload/single`;
      const form = uploadForm('hello.txt', strToU8('hello upload\n'));
      const result = await client().request('POST', `/upload_file?destination=${encodeURIComponent(destination)}`, {rawBody: form});
      expect(result.status).toBe(200);
      expect(result.json).toEqual({filename: 'hello.txt', destination, recursive: false});
      const read = await client().execute({action: 'read', args: {path: `${destination}/hello.txt`}});
      expect(read.content).toBe('hello upload\n');
    });

    it('POST /upload_file unpacks a zip when recursive (and keeps no archive behind)', async () => {
      const destination = `${scratch()}/upload/tree`;
      const archive = zipSync({
        'project/': new Uint8Array(0),
        'project/src/main.txt': strToU8('main\n'),
        'project/README': strToU8('readme\n'),
      });
      const result = await client().request('POST', `/upload_file?destination=${encodeURIComponent(destination)}&recursive=true`, {
        rawBody: uploadForm('project.zip', archive),
      });
      expect(result.status).toBe(200);
      expect(result.json).toEqual({filename: 'project.zip', destination, recursive: true});
      const listing = await client().request('POST', '/list_files', {body: {path: destination}});
      expect(listing.json).toEqual(['project/']);
      const read = await client().execute({action: 'read', args: {path: `${destination}/project/src/main.txt`}});
      expect(read.content).toBe('main\n');
    });

    it('POST /upload_file refuses a relative destination, a missing file field, bad booleans and zip-slip', async () => {
      const relative = await client().request('POST', '/upload_file?destination=relative/dir', {
        rawBody: uploadForm('a.txt', strToU8('x')),
      });
      expect(relative.status).toBe(400);
      expect(relative.json).toEqual({detail: expect.stringContaining('absolute')});
      const noFile = await client().request('POST', `/upload_file?destination=${encodeURIComponent(scratch())}`, {
        rawBody: uploadForm('a.txt', strToU8('x'), 'other'),
      });
      expect(noFile.status).toBe(400);
      expect(noFile.json).toEqual({detail: expect.stringContaining('"file"')});
      const badBool = await client().request('POST', `/upload_file?destination=${encodeURIComponent(scratch())}&recursive=maybe`, {
        rawBody: uploadForm('a.txt', strToU8('x')),
      });
      expect(badBool.status).toBe(400);
      const slip = await client().request(
        'POST',
        `/upload_file?destination=${encodeURIComponent(`${scratch()}/upload/slip`)}&recursive=true`,
        {
          rawBody: uploadForm('evil.zip', zipSync({'../../escaped.txt': strToU8('x')})),
        },
      );
      expect(slip.status).toBe(400);
      expect(slip.json).toEqual({detail: expect.stringContaining('outside the destination')});
      const escaped = await client().execute({action: 'read', args: {path: `${scratch()}/escaped.txt`}});
      expect(escaped.observation).toBe('error');
    });

    it('GET /download_files streams a zip of the tree with entries relative to the path', async () => {
      const dir = `${scratch()}/download`;
      const made = await client().runToEnd(
        `mkdir -p '${dir}/sub/empty' && printf 'one' > '${dir}/one.txt' && printf 'two' > '${dir}/sub/two.txt'`,
      );
      expect(made.extras.exit_code).toBe(0);
      const result = await client().requestBytes('GET', `/download_files?path=${encodeURIComponent(dir)}`);
      expect(result.status).toBe(200);
      expect(result.headers.get('content-type')).toBe('application/zip');
      expect(result.headers.get('content-disposition')).toBe(`attachment; filename="${dir}.zip"`);
      const entries = unzipSync(new Uint8Array(result.bytes));
      expect(Object.keys(entries).sort()).toEqual(['one.txt', 'sub/', 'sub/empty/', 'sub/two.txt']);
      expect(strFromU8(entries['sub/two.txt']!)).toBe('two');
    });

    it('GET /download_files: 400 for a relative or missing path, 404 for a path that does not exist', async () => {
      const relative = await client().request('GET', '/download_files?path=relative');
      expect(relative.status).toBe(400);
      expect(relative.json).toEqual({detail: expect.stringContaining('absolute')});
      expect((await client().request('GET', '/download_files')).status).toBe(400);
      const missing = await client().request('GET', `/download_files?path=${encodeURIComponent(`${scratch()}/nothing-here`)}`);
      expect(missing.status).toBe(404);
      expect(missing.json).toEqual({detail: expect.stringContaining('not found')});
    });

    it(`GET /vscode/connection_token answers {"token": ${vscode ? 'a UUID' : 'null'}}`, async () => {
      const result = await client().request('GET', '/vscode/connection_token');
      expect(result.status).toBe(200);
      // With the vscode plugin the server made a random token for openvscode-server; without it, none.
      expect(result.json).toEqual({
        token: vscode ? expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/) : null,
      });
    });
  });
}
