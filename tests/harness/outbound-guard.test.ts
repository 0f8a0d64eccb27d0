import dns from 'node:dns';
import http from 'node:http';
import net from 'node:net';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { isLoopbackHost, outboundBlockedMessage, takeOutboundViolations } from './network-guard.ts';
import { clearVendorEnvironment } from './vendor-environment.ts';

/** fetch wraps the socket error as `cause`; collect the whole chain so the assertion reads it. */
function messagesOf(error: unknown): string {
  const messages: string[] = [];
  let current: unknown = error;
  while (current instanceof Error) {
    messages.push(current.message);
    current = current.cause;
  }
  return messages.join(' <- ');
}

function connectError(socket: net.Socket): Promise<Error> {
  return new Promise((resolve, reject) => {
    socket.once('error', resolve);
    socket.once('connect', () => reject(new Error('connected although the guard should have blocked it')));
  });
}

describe('outbound network guard', () => {
  // These tests trip the guard on purpose; acknowledge exactly what they expect, then nothing else.
  afterEach(() => {
    takeOutboundViolations();
  });

  it('fails fetch to a public host with the guard message', async () => {
    const error = await fetch('http://example.com').then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(messagesOf(error)).toContain(outboundBlockedMessage);
    expect(takeOutboundViolations()).toEqual(['example.com:80']);
  });

  it('fails a raw TCP connection to a public address', async () => {
    const socket = net.connect(80, '93.184.216.34');
    const error = await connectError(socket);
    expect(error.message).toContain(outboundBlockedMessage);
    expect(error.message).toContain('93.184.216.34:80');
    expect(takeOutboundViolations()).toEqual(['93.184.216.34:80']);
  });

  it('fails a DNS lookup of a public name', async () => {
    await expect(dns.promises.lookup('example.com')).rejects.toThrow(outboundBlockedMessage);
    const callbackError = await new Promise<unknown>((resolve) => {
      dns.lookup('example.org', (error) => resolve(error));
    });
    expect(messagesOf(callbackError)).toContain(outboundBlockedMessage);
    await expect(promisify(dns.lookup)('example.net')).rejects.toThrow(outboundBlockedMessage);
    expect(takeOutboundViolations()).toHaveLength(3);
    // Loopback names still resolve, and promisify keeps Node's { address, family } result.
    expect(await promisify(dns.lookup)('localhost', { family: 4 })).toEqual({
      address: '127.0.0.1',
      family: 4,
    });
  });

  it('lets loopback traffic through', async () => {
    const server = http.createServer((_request, response) => response.end('pong'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as net.AddressInfo;
      const byAddress = await fetch(`http://127.0.0.1:${port}/`);
      expect(await byAddress.text()).toBe('pong');
      const byName = await fetch(`http://localhost:${port}/`);
      expect(await byName.text()).toBe('pong');
      expect(takeOutboundViolations()).toEqual([]);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('classifies hosts', () => {
    for (const host of [
      '127.0.0.1',
      '127.8.9.10',
      '::1',
      '[::1]',
      '::ffff:127.0.0.1',
      'localhost',
      'LOCALHOST.',
    ]) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    for (const host of [
      '93.184.216.34',
      '10.0.0.1',
      '::ffff:93.184.216.34',
      '2001:db8::1',
      'example.com',
      'localhost.example.com',
    ]) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });

  it('clears every vendor key from an environment', () => {
    const environment: NodeJS.ProcessEnv = {
      ANTHROPIC_API_KEY: 'sk-ant',
      MISTRAL_API_KEY: 'm',
      OPENAI_API_KEY: 'o',
      OPENAI_COMPATIBLE_API_KEY: 'c',
      OPENAI_COMPATIBLE_BASE_URL: 'http://example.com/v1',
      DEEPSEEK_API_KEY: 'd',
      OPENROUTER_API_KEY: 'r',
      OLLAMA_DETECT: 'true',
      PATH: '/usr/bin',
    };
    clearVendorEnvironment(environment);
    expect(environment).toEqual({ PATH: '/usr/bin', OLLAMA_DETECT: 'false' });
  });

  it('ran the setup file in this worker (keys cleared, Ollama detection off)', () => {
    expect(process.env.ANTHROPIC_API_KEY).toBeUndefined();
    expect(process.env.MISTRAL_API_KEY).toBeUndefined();
    expect(process.env.OPENAI_API_KEY).toBeUndefined();
    expect(Object.keys(process.env).filter((name) => name.startsWith('OPENAI_COMPATIBLE_'))).toEqual([]);
    expect(process.env.OLLAMA_DETECT).toBe('false');
  });
});
