import { describe, expect, it } from 'vitest';
import { createHttpProvider, isLoopback } from './providers.ts';

describe('isLoopback', () => {
  it('knows this machine however it is written', () => {
    for (const url of [
      'http://localhost:8000/v1',
      'http://LOCALHOST:8000',
      'http://speech.localhost:8000',
      'http://127.0.0.1:11434/v1',
      'http://127.1.2.3',
      'http://[::1]:8000/v1',
      'http://[0:0:0:0:0:0:0:1]:8000',
      'http://[::ffff:127.0.0.1]:8000/v1',
      'http://[::ffff:7f00:1]:8000',
      'http://[::ffff:127.255.255.254]',
    ])
      expect(isLoopback(url), url).toBe(true);
  });

  it('does not take other hosts for it', () => {
    for (const url of [
      'https://api.openai.com/v1',
      'http://10.0.0.2:8000',
      'http://[::ffff:10.0.0.1]:8000',
      'http://[::ffff:128.0.0.1]',
      'http://[::2]',
      'http://127.0.0.1.example.com',
      'http://localhost.example.com',
      'http://0.0.0.0:8000',
    ])
      expect(isLoopback(url), url).toBe(false);
  });

  it('lets an OpenAI-compatible entry on loopback be priced like a vendor', () => {
    const spec = {
      id: 'proxy',
      kind: 'openai-compatible' as const,
      label: 'Proxy',
      baseURL: 'http://127.0.0.1:4000/v1',
    };
    expect(createHttpProvider(spec).local).toBe(true);
    expect(createHttpProvider({ ...spec, local: false }).local).toBe(false);
  });
});
