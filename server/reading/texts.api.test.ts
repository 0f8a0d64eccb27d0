import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresUnavailable } from '../../tests/harness/test-database.ts';
import {
  createMember,
  onboard,
  signUpOwner,
  startTestApp,
  type TestApp,
  type TestClient,
} from '../../tests/helpers/test-app.ts';
import { writeZip } from '../vocabulary/zip.ts';
import { allowOnly } from './address-policy.ts';

const article = `<!doctype html><html><head><title>El mercado &amp; la plaza</title>
<script>alert('no')</script><style>p{}</style></head><body>
<nav><a href="/">Inicio</a> <a href="/x">Menú</a></nav>
<article><h1>El mercado</h1><p>Los sábados voy al <b>mercado</b> con mi hermana.</p>
<p>Compramos fruta &amp; pan.<br>Después tomamos un café.</p><img src="x.png" onerror="alert(1)"></article>
<footer>© Periódico</footer></body></html>`;

function epub(): Buffer {
  const file = (name: string, text: string) => ({ name, data: Buffer.from(text, 'utf8') });
  return writeZip([
    file('mimetype', 'application/epub+zip'),
    file(
      'META-INF/container.xml',
      '<?xml version="1.0"?><container><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>',
    ),
    file(
      'OEBPS/content.opf',
      `<package><metadata><dc:title>Cuentos breves</dc:title></metadata><manifest>
<item id="c2" href="text/dos.xhtml" media-type="application/xhtml+xml"/>
<item id="c1" href="text/uno.xhtml" media-type="application/xhtml+xml"/>
<item id="css" href="style.css" media-type="text/css"/></manifest>
<spine><itemref idref="c1"/><itemref idref="c2"/></spine></package>`,
    ),
    file('OEBPS/text/uno.xhtml', '<html><body><h1>Uno</h1><p>Había una vez un gato.</p></body></html>'),
    file('OEBPS/text/dos.xhtml', '<html><body><h1>Dos</h1><p>El gato dormía mucho.</p></body></html>'),
    file('OEBPS/style.css', 'p { color: red }'),
  ]);
}

describe.skipIf(postgresUnavailable())('reading room: adding texts', () => {
  let site: Server;
  let sitePort: number;
  let testApp: TestApp;
  let owner: TestClient;
  let learner: TestClient;
  let other: TestClient;
  let child: TestClient;

  beforeAll(async () => {
    site = createServer((request, response) => {
      const url = request.url ?? '/';
      if (url === '/article') {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end(article);
      } else if (url === '/plain') {
        response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        response.end('Hoy hace sol.\nMañana lloverá.');
      } else if (url === '/moved') {
        response.writeHead(302, { location: '/article' });
        response.end();
      } else if (url.startsWith('/chain/')) {
        const step = Number(url.slice('/chain/'.length));
        response.writeHead(302, { location: step === 0 ? '/plain' : `/chain/${step - 1}` });
        response.end();
      } else if (url === '/to-private') {
        response.writeHead(302, { location: 'http://192.168.1.1/admin' });
        response.end();
      } else if (url === '/to-metadata') {
        response.writeHead(307, { location: 'http://[::ffff:169.254.169.254]/latest/meta-data' });
        response.end();
      } else if (url === '/big') {
        // No content-length: the limit must hold while reading.
        response.writeHead(200, { 'content-type': 'text/plain' });
        const chunk = 'palabra '.repeat(8192);
        for (let index = 0; index < 40; index++) response.write(chunk);
        response.end();
      } else if (url === '/big-declared') {
        response.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(50 * 1024 * 1024) });
        response.write('palabra ');
      } else if (url === '/slow') {
        response.writeHead(200, { 'content-type': 'text/plain' });
        const timer = setInterval(() => response.write('lento '), 100);
        response.on('close', () => clearInterval(timer));
      } else if (url === '/pdf') {
        response.writeHead(200, { 'content-type': 'application/pdf' });
        response.end('%PDF-1.4');
      } else {
        response.writeHead(404, { 'content-type': 'text/plain' });
        response.end('no');
      }
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    sitePort = (site.address() as AddressInfo).port;
    testApp = await startTestApp({
      readingFetch: {
        policy: allowOnly('127.0.0.1', sitePort),
        limits: { maxBytes: 256 * 1024, timeoutMs: 1000, maxRedirects: 5 },
      },
    });
    owner = await signUpOwner(testApp);
    learner = (await createMember(testApp, owner, { username: 'lucia' })).client;
    other = (await createMember(testApp, owner, { username: 'otto' })).client;
    child = (await createMember(testApp, owner, { username: 'nino', isChild: true })).client;
    await onboard(learner, 'es', 'A2');
    await onboard(other, 'es', 'B1');
    await onboard(child, 'es', 'A1');
  });
  afterAll(async () => {
    await testApp.close();
    await new Promise<void>((resolve) => site.close(() => resolve()));
  });

  const siteUrl = (path: string) => `http://127.0.0.1:${sitePort}${path}`;
  const count = async (table: 'reading_texts') =>
    Number(
      (
        await testApp.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('adds a pasted text as plain text, titled from its first line, private to the learner', async () => {
    const response = await learner.post('/api/reading/texts', {
      language: 'es',
      text: 'Mi casa\r\n\r\nVivo en una casa pequeña. Tiene un jardín.',
    });
    expect(response.status).toBe(201);
    expect(response.body.text).toMatchObject({
      language: 'es',
      title: 'Mi casa',
      source: 'paste',
      own: true,
      shared: false,
      body: 'Mi casa\n\nVivo en una casa pequeña. Tiene un jardín.',
      wordCount: 10,
    });
    const id = response.body.text.id;
    expect((await learner.get(`/api/reading/texts/${id}`)).status).toBe(200);
    expect((await other.get(`/api/reading/texts/${id}`)).status).toBe(404);
    expect((await other.delete(`/api/reading/texts/${id}`)).status).toBe(404);
    expect((await other.get('/api/reading/texts')).body.texts).toEqual([]);
    expect(
      (await learner.get('/api/reading/texts')).body.texts.map((text: { id: string }) => text.id),
    ).toEqual([id]);

    const control = await learner.post('/api/reading/texts', { language: 'es', text: 'Hola\u0007' });
    expect(control.status).toBe(400);
    const empty = await learner.post('/api/reading/texts', { language: 'es', text: '   ' });
    expect(empty.status).toBe(400);
  });

  it('adds .txt, .md, .html and .epub files, refuses PDF and other kinds', async () => {
    const upload = (fileName: string, body: Buffer | string, client = learner) =>
      client.request(
        'POST',
        `/api/reading/texts/from-file?language=es&fileName=${encodeURIComponent(fileName)}`,
        {
          body: typeof body === 'string' ? Buffer.from(body) : body,
          headers: { 'content-type': 'application/octet-stream' },
        },
      );
    const txt = await upload('notas.txt', '\uFEFFUna línea.\r\nOtra línea.');
    expect(txt.status).toBe(201);
    expect(txt.body.text).toMatchObject({
      source: 'file',
      sourceName: 'notas.txt',
      body: 'Una línea.\nOtra línea.',
    });

    const md = await upload(
      'cuento.md',
      '# El viaje\n\nFuimos a **Madrid** en [tren](http://x).\n\n```js\ncode()\n```\n',
    );
    expect(md.status).toBe(201);
    expect(md.body.text.title).toBe('El viaje');
    expect(md.body.text.body).toBe('El viaje\n\nFuimos a Madrid en tren.');

    const html = await upload('pagina.html', article);
    expect(html.status).toBe(201);
    expect(html.body.text.title).toBe('El mercado & la plaza');
    expect(html.body.text.body).toBe(
      'El mercado\n\nLos sábados voy al mercado con mi hermana.\n\nCompramos fruta & pan.\nDespués tomamos un café.',
    );
    expect(html.body.text.body).not.toMatch(/Inicio|alert|Periódico|<|onerror/);

    const book = await upload('cuentos.epub', epub());
    expect(book.status).toBe(201);
    expect(book.body.text.title).toBe('Cuentos breves');
    expect(book.body.text.body).toBe('Uno\n\nHabía una vez un gato.\n\nDos\n\nEl gato dormía mucho.');

    const before = await count('reading_texts');
    expect((await upload('libro.pdf', '%PDF-1.4')).status).toBe(415);
    expect((await upload('hoja.docx', 'x')).status).toBe(415);
    expect((await upload('roto.epub', 'not a zip')).status).toBe(400);
    expect((await upload('vacio.txt', '')).status).toBe(400);
    expect((await upload('nino.txt', 'Hola.', child)).status).toBe(403);
    expect(await count('reading_texts')).toBe(before);
  });

  it('fetches a URL from the loopback test server and keeps only its readable text', async () => {
    const response = await learner.post('/api/reading/texts/from-url', {
      language: 'es',
      url: siteUrl('/moved'),
    });
    expect(response.status).toBe(201);
    expect(response.body.text).toMatchObject({
      source: 'url',
      sourceUrl: siteUrl('/article'),
      title: 'El mercado & la plaza',
    });
    expect(response.body.text.body).not.toMatch(/Inicio|alert|<|Periódico/);
    const chain = await learner.post('/api/reading/texts/from-url', {
      language: 'es',
      url: siteUrl('/chain/4'),
    });
    expect(chain.status).toBe(201);
    expect(chain.body.text.body).toBe('Hoy hace sol.\nMañana lloverá.');
  });

  it('refuses private addresses, redirects to them, too many redirects, oversize and slow bodies, storing nothing', async () => {
    const before = await count('reading_texts');
    const refusals: Array<[string, number, RegExp]> = [
      ['http://127.0.0.1:1/', 400, /private network/],
      ['http://localhost:1/', 400, /private network/],
      [`http://127.0.0.2:${sitePort}/article`, 400, /private network/],
      [`http://[::1]:${sitePort}/article`, 400, /private network/],
      [`http://[::ffff:127.0.0.1]:${sitePort}/article`, 400, /private network/],
      ['http://10.0.0.1/', 400, /private network/],
      ['http://169.254.169.254/latest/meta-data', 400, /private network/],
      [siteUrl('/to-private'), 400, /private network/],
      [siteUrl('/to-metadata'), 400, /private network/],
      [siteUrl('/chain/5'), 400, /redirected more than 5/],
      [siteUrl('/big'), 413, /larger than/],
      [siteUrl('/big-declared'), 413, /larger than/],
      [siteUrl('/slow'), 400, /too long/],
      [siteUrl('/pdf'), 415, /application\/pdf/],
      [siteUrl('/missing'), 400, /answered 404/],
      ['file:///etc/passwd', 400, /http and https/],
      [`http://user:pw@127.0.0.1:${sitePort}/article`, 400, /user name/],
    ];
    for (const [url, status, message] of refusals) {
      const response = await learner.post('/api/reading/texts/from-url', { language: 'es', url });
      expect(response.status, url).toBe(status);
      expect(response.body.error.message, url).toMatch(message);
    }
    expect(await count('reading_texts')).toBe(before);
  });

  it('lets children paste but not fetch URLs; an admin shares a text with members, read-only', async () => {
    expect(
      (await child.post('/api/reading/texts/from-url', { language: 'es', url: siteUrl('/article') })).status,
    ).toBe(403);
    expect(
      (await child.post('/api/reading/texts', { language: 'es', text: 'Mi perro es grande.' })).status,
    ).toBe(201);

    const assigned = await owner.post('/api/reading/texts', {
      language: 'es',
      title: 'Tarea',
      text: 'Leemos juntos.',
    });
    const id = assigned.body.text.id;
    expect((await child.get(`/api/reading/texts/${id}`)).status).toBe(404);
    const own = await learner.post('/api/reading/texts', { language: 'es', text: 'Privado.' });
    expect(
      (await learner.put(`/api/reading/texts/${own.body.text.id}/sharing`, { shared: true })).status,
    ).toBe(403);

    const shared = await owner.put(`/api/reading/texts/${id}/sharing`, { shared: true });
    expect(shared.status).toBe(200);
    expect(shared.body.text.shared).toBe(true);
    const seen = await child.get(`/api/reading/texts/${id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.text).toMatchObject({ title: 'Tarea', own: false, shared: true });
    expect(
      (await child.get('/api/reading/texts')).body.texts.map((text: { id: string }) => text.id),
    ).toContain(id);
    expect((await child.delete(`/api/reading/texts/${id}`)).status).toBe(404);
    expect((await child.get(`/api/reading/texts/${id}`)).status).toBe(200);

    await owner.put(`/api/reading/texts/${id}/sharing`, { shared: false });
    expect((await child.get(`/api/reading/texts/${id}`)).status).toBe(404);
    expect((await owner.delete(`/api/reading/texts/${id}`)).status).toBe(204);
  });
});
