import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback stand-in for a self-hosted LanguageTool server, speaking its public `/v2/check` API:
 * a form-encoded POST with `text` and `language` (plus optional `motherTongue`, `level`), answered
 * with `{ software, warnings, language, matches }`, each match with `message`, `shortMessage`,
 * `offset`, `length`, `replacements[{ value }]`, `context`, `sentence`, `type`, and `rule`
 * (`id`, `description`, `issueType`, `category { id, name }`). It finds the scripted rules'
 * patterns in the text, so offsets are real; it never judges language itself. Tests and
 * benchmarks only.
 */

export type FakeLanguageToolRule = {
  /** Matched case-sensitively wherever it occurs as a whole word. */
  find: string;
  replacements: string[];
  id: string;
  categoryId: string;
  categoryName?: string;
  issueType?: string;
  message: string;
  /** Only for this language code (as sent, e.g. "es", "de-DE"); every language when absent. */
  language?: string;
};

export type FakeLanguageToolRequest = {
  path: string;
  text: string;
  language: string;
  motherTongue: string | null;
};

export type FakeLanguageTool = {
  url: string;
  script(rules: FakeLanguageToolRule[]): void;
  /** Delay every answer (to test timeouts), or fail with an HTTP status. */
  fault(fault: { delayMs?: number; status?: number } | null): void;
  requests(): FakeLanguageToolRequest[];
  reset(): void;
  close(): Promise<void>;
};

const languageNames: Record<string, string> = {
  es: 'Spanish',
  fr: 'French',
  it: 'Italian',
  'de-DE': 'German (Germany)',
  'en-US': 'English (US)',
  'pt-PT': 'Portuguese (Portugal)',
  'pt-BR': 'Portuguese (Brazil)',
};

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Starts the fake on 127.0.0.1 and a free port. */
export async function startFakeLanguageTool(rules: FakeLanguageToolRule[] = []): Promise<FakeLanguageTool> {
  let scripted = rules;
  let currentFault: { delayMs?: number; status?: number } | null = null;
  const received: FakeLanguageToolRequest[] = [];

  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.method === 'GET' && path === '/v2/languages') {
      send(
        200,
        Object.entries(languageNames).map(([longCode, name]) => ({
          name,
          code: longCode.slice(0, 2),
          longCode,
        })),
      );
      return;
    }
    if (request.method !== 'POST' || path !== '/v2/check') {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('Not found');
      return;
    }
    if (!(request.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) {
      response.writeHead(400, { 'content-type': 'text/plain' });
      response.end('Error: expected application/x-www-form-urlencoded');
      return;
    }
    const form = new URLSearchParams(await readBody(request));
    const text = form.get('text');
    const language = form.get('language');
    if (text === null || !language) {
      response.writeHead(400, { 'content-type': 'text/plain' });
      response.end("Error: Missing 'text' or 'data' parameter, or 'language'");
      return;
    }
    received.push({ path, text, language, motherTongue: form.get('motherTongue') });
    if (currentFault?.delayMs) await new Promise((resolve) => setTimeout(resolve, currentFault?.delayMs));
    if (currentFault?.status) {
      response.writeHead(currentFault.status, { 'content-type': 'text/plain' });
      response.end('Error: scripted failure');
      return;
    }
    const matches = [];
    for (const rule of scripted) {
      if (rule.language && rule.language !== language) continue;
      const pattern = new RegExp(`(?<![\\p{L}])${escapeRegExp(rule.find)}(?![\\p{L}])`, 'gu');
      for (const found of text.matchAll(pattern)) {
        const offset = found.index ?? 0;
        const contextStart = Math.max(0, offset - 40);
        matches.push({
          message: rule.message,
          shortMessage: '',
          replacements: rule.replacements.map((value) => ({ value })),
          offset,
          length: rule.find.length,
          context: {
            text: text.slice(contextStart, offset + rule.find.length + 40),
            offset: offset - contextStart,
            length: rule.find.length,
          },
          sentence: text,
          type: { typeName: 'Other' },
          rule: {
            id: rule.id,
            description: rule.message,
            issueType: rule.issueType ?? 'grammar',
            category: { id: rule.categoryId, name: rule.categoryName ?? rule.categoryId },
          },
          ignoreForIncompleteSentence: false,
          contextForSureMatch: 0,
        });
      }
    }
    matches.sort((a, b) => a.offset - b.offset);
    send(200, {
      software: {
        name: 'LanguageTool',
        version: '6.5',
        buildDate: '2024-09-27 12:00:00 +0000',
        apiVersion: 1,
        premium: false,
        status: '',
      },
      warnings: { incompleteResults: false },
      language: {
        name: languageNames[language] ?? language,
        code: language,
        detectedLanguage: { name: languageNames[language] ?? language, code: language, confidence: 0.99 },
      },
      matches,
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    script: (next) => {
      scripted = next;
    },
    fault: (next) => {
      currentFault = next;
    },
    requests: () => [...received],
    reset: () => {
      received.length = 0;
      currentFault = null;
      scripted = rules;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
