import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowOnly, embeddedIpv4, publicAddressesOnly } from './address-policy.ts';
import { fetchUrl, type Resolve } from './fetch-url.ts';

describe('the production address policy', () => {
  const refused = {
    '127/8': ['127.0.0.1', '127.255.255.254', '127.1.2.3'],
    '::1': ['::1', '0:0:0:0:0:0:0:1', '[::1]'],
    '10/8': ['10.0.0.0', '10.0.0.1', '10.255.255.255'],
    '172.16/12': ['172.16.0.1', '172.20.1.1', '172.31.255.255'],
    '192.168/16': ['192.168.0.1', '192.168.255.255'],
    '169.254/16': ['169.254.169.254', '169.254.0.1'],
    '100.64/10': ['100.64.0.1', '100.127.255.255'],
    '0.0.0.0': ['0.0.0.0', '0.1.2.3', '::'],
    'fc00::/7': ['fc00::1', 'fd12:3456:789a::1', 'fdff:ffff::'],
    'fe80::/10': ['fe80::1', 'fe80::1%eth0', 'febf::ffff'],
  };
  for (const [range, addresses] of Object.entries(refused))
    it(`refuses ${range}`, () => {
      for (const address of addresses) expect(publicAddressesOnly(address, 80), address).toBe(false);
    });

  it('refuses the IPv4-mapped and IPv4-compatible forms of every IPv4 range', () => {
    for (const ipv4 of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.5.4',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
    ]) {
      const [a, b, c, d] = ipv4.split('.').map(Number) as [number, number, number, number];
      const hex = `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
      for (const form of [
        `::ffff:${ipv4}`,
        `::ffff:${hex}`,
        `0:0:0:0:0:ffff:${hex}`,
        `0000:0000:0000:0000:0000:FFFF:${ipv4}`,
        `[::ffff:${ipv4}]`,
        `::${ipv4}`,
      ])
        expect(publicAddressesOnly(form, 443), form).toBe(false);
    }
    expect(embeddedIpv4('::ffff:7f00:1')).toBe('127.0.0.1');
  });

  it('allows public addresses, mapped ones included, and nothing that is not an address', () => {
    for (const address of [
      '93.184.215.14',
      '8.8.8.8',
      '172.32.0.1',
      '100.128.0.1',
      '2606:4700::1111',
      '::ffff:8.8.8.8',
    ])
      expect(publicAddressesOnly(address, 443), address).toBe(true);
    for (const address of ['localhost', 'example.com', '', '1.2.3'])
      expect(publicAddressesOnly(address, 80), address).toBe(false);
  });

  it('lets a test allow exactly its own server (address and port)', () => {
    const policy = allowOnly('127.0.0.1', 4567);
    expect(policy('127.0.0.1', 4567)).toBe(true);
    expect(policy('127.0.0.1', 4568)).toBe(false);
    expect(policy('::1', 4567)).toBe(false);
  });
});

describe('fetching a URL', () => {
  let server: Server;
  let port: number;
  let connections: number;
  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === '/to-private') {
        response.writeHead(302, { location: 'http://10.0.0.7/secret' });
        response.end();
      } else if (request.url === '/to-name') {
        response.writeHead(301, { location: `http://inside.test:${port}/page` });
        response.end();
      } else {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end(`<p>Hola desde ${request.headers.host}</p>`);
      }
    });
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('checks the resolved addresses of a name and connects to the checked one, resolving once', async () => {
    const lookups: string[] = [];
    // A resolver that would answer differently the second time (DNS rebinding): it is asked once.
    const resolve: Resolve = async (hostname) => {
      lookups.push(hostname);
      return lookups.length === 1
        ? [{ address: '127.0.0.1', family: 4 }]
        : [{ address: '10.0.0.1', family: 4 }];
    };
    connections = 0;
    const page = await fetchUrl(`http://reading.test:${port}/page`, {
      policy: allowOnly('127.0.0.1', port),
      resolve,
    });
    expect(page.text).toContain(`Hola desde reading.test:${port}`);
    expect(lookups).toEqual(['reading.test']);
    expect(connections).toBe(1);
  });

  it('refuses a name that resolves to a private address without connecting', async () => {
    connections = 0;
    const resolve: Resolve = async () => [
      { address: '93.184.215.14', family: 4 },
      { address: '192.168.1.10', family: 4 },
    ];
    await expect(
      fetchUrl('http://mixed.test/', { policy: publicAddressesOnly, resolve }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(
      fetchUrl('http://mapped.test/', {
        policy: publicAddressesOnly,
        resolve: async () => [{ address: '::ffff:127.0.0.1', family: 6 }],
      }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    expect(connections).toBe(0);
  });

  it('re-checks every redirect, literal addresses and names alike', async () => {
    const policy = allowOnly('127.0.0.1', port);
    await expect(fetchUrl(`http://127.0.0.1:${port}/to-private`, { policy })).rejects.toMatchObject({
      code: 'validation_failed',
      message: expect.stringContaining('private network'),
    });
    const resolve: Resolve = async () => [{ address: '169.254.169.254', family: 4 }];
    await expect(fetchUrl(`http://127.0.0.1:${port}/to-name`, { policy, resolve })).rejects.toMatchObject({
      code: 'validation_failed',
      message: expect.stringContaining('private network'),
    });
  });

  it('refuses other schemes and the production policy refuses the loopback server itself', async () => {
    for (const url of ['file:///etc/passwd', 'ftp://example.com/', 'gopher://x/', 'javascript:alert(1)'])
      await expect(fetchUrl(url, { policy: publicAddressesOnly }), url).rejects.toMatchObject({
        code: 'validation_failed',
      });
    connections = 0;
    await expect(
      fetchUrl(`http://127.0.0.1:${port}/page`, { policy: publicAddressesOnly }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(
      fetchUrl(`http://[::ffff:127.0.0.1]:${port}/page`, { policy: publicAddressesOnly }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
    });
    expect(connections).toBe(0);
  });
});
