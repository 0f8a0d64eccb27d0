import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../tests/helpers/test-app.ts';
import { precompressDirectory } from '../../web/build/precompress.ts';

// Big enough to be compressed at build time (the build skips files under 512 bytes).
const script = `console.log(${JSON.stringify('charla '.repeat(200))});\n`;
const page = `<!doctype html><html><head><script type="module" src="/assets/index-AbC123.js"></script></head><body>${'<div></div>'.repeat(60)}</body></html>`;

describe('serving the built web app', () => {
  let testApp: TestApp;
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'charla-web-'));
    await mkdir(join(root, 'assets'));
    await writeFile(join(root, 'index.html'), page);
    await writeFile(join(root, 'assets', 'index-AbC123.js'), script);
    await writeFile(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    await precompressDirectory(root);
    testApp = await startTestApp({ webRoot: root });
  });
  afterAll(async () => {
    await testApp.close();
    await rm(root, { recursive: true, force: true });
  });

  it('sends a hashed asset precompressed as brotli or gzip, cached for a year', async () => {
    for (const [accept, encoding] of [
      ['br, gzip', 'br'],
      ['gzip', 'gzip'],
      ['identity', null],
    ] as const) {
      const response = await fetch(`${testApp.url}/assets/index-AbC123.js`, {
        headers: { 'accept-encoding': accept },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-encoding')).toBe(encoding);
      expect(response.headers.get('content-type')).toMatch(/javascript/);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(response.headers.get('vary')).toMatch(/accept-encoding/i);
      // fetch decodes the body: the same script whatever the encoding.
      expect(await response.text()).toBe(script);
    }
  });

  it('revalidates index.html on every load, at / and at any path of the app', async () => {
    for (const path of ['/', '/conversations/0190a1b2', '/vocabulary?deck=1']) {
      const response = await fetch(`${testApp.url}${path}`, { headers: { 'accept-encoding': 'br' } });
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/text\/html/);
      expect(response.headers.get('content-encoding')).toBe('br');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('etag') ?? response.headers.get('last-modified')).toBeTruthy();
      expect(await response.text()).toBe(page);
    }
  });

  it('answers a missing asset with 404, not the HTML page', async () => {
    const response = await fetch(`${testApp.url}/assets/index-Old999.js`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).not.toMatch(/text\/html/);
    expect(response.headers.get('cache-control') ?? '').not.toMatch(/immutable/);
  });

  it('keeps unhashed public files short-lived and API misses JSON', async () => {
    const favicon = await fetch(`${testApp.url}/favicon.svg`);
    expect(favicon.status).toBe(200);
    expect(favicon.headers.get('cache-control')).toBe('public, max-age=3600');
    const api = await fetch(`${testApp.url}/api/nothing-here`);
    expect(api.status).toBe(404);
    expect((await api.json()).error.code).toBe('not_found');
  });
});
