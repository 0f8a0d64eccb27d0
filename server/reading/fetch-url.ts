import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { MessageRef } from '../../contracts/messages/catalogues.ts';
import { AppError, validationFailed } from '../errors.ts';
import { msg } from '../i18n/messages.ts';
import type { AddressPolicy } from './address-policy.ts';

/** Resolves a host name to every address it has (injected in unit tests: no DNS there). */
export type Resolve = (hostname: string) => Promise<Array<{ address: string; family: number }>>;

export type FetchLimits = {
  /** Bytes of the body read at most (the rest is refused, not truncated). */
  maxBytes: number;
  /** Milliseconds for the whole fetch, redirects and body included. */
  timeoutMs: number;
  maxRedirects: number;
};

export const defaultFetchLimits: FetchLimits = {
  maxBytes: 2 * 1024 * 1024,
  timeoutMs: 10_000,
  maxRedirects: 5,
};

/** How the server fetches learners' URLs: the address policy and limits (injected by tests). */
export type ReadingFetch = { policy: AddressPolicy; limits?: FetchLimits; resolve?: Resolve };

export type FetchedPage = { url: string; contentType: string; text: string };

const systemResolve: Resolve = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

// The field's issue carries the same message reference: the error handler words both for the reader.
const refusedUrl = (message: MessageRef) => validationFailed(message, { issues: [{ path: 'url', message }] });

/**
 * Fetches a learner's URL without letting it reach this server's network: http and https only; every
 * address a host resolves to is checked by the policy (all must pass), on the first request and on
 * every redirect (at most `maxRedirects`); the socket connects to the address that was checked, given
 * to the HTTP client through its `lookup` hook, so no second DNS answer can swap it. The body is
 * limited in size and the whole fetch in time.
 */
export async function fetchUrl(
  url: string,
  deps: { policy: AddressPolicy; resolve?: Resolve; limits?: FetchLimits },
): Promise<FetchedPage> {
  const limits = deps.limits ?? defaultFetchLimits;
  const resolve = deps.resolve ?? systemResolve;
  const signal = AbortSignal.timeout(limits.timeoutMs);
  let current: URL;
  try {
    current = new URL(url);
  } catch {
    throw refusedUrl(msg('errors.url.invalid'));
  }
  for (let redirects = 0; ; redirects++) {
    if (current.protocol !== 'http:' && current.protocol !== 'https:')
      throw refusedUrl(msg('errors.url.scheme'));
    if (current.username || current.password) throw refusedUrl(msg('errors.url.userName'));
    const port = Number(current.port || (current.protocol === 'https:' ? 443 : 80));
    const host = current.hostname.replace(/^\[|\]$/g, '');
    const address = await checkedAddress(host, port, deps.policy, resolve, signal);
    const response = await send(current, address, signal);
    const status = response.statusCode ?? 0;
    if (status >= 300 && status < 400 && response.headers.location) {
      response.resume();
      if (redirects >= limits.maxRedirects)
        throw refusedUrl(msg('errors.url.redirects', { max: limits.maxRedirects }));
      current = new URL(response.headers.location, current);
      continue;
    }
    if (status < 200 || status >= 300) {
      response.resume();
      throw refusedUrl(msg('errors.url.status', { status }));
    }
    const contentType = (response.headers['content-type'] ?? 'text/html').toLowerCase();
    if (!/^(text\/(html|plain|markdown)|application\/xhtml\+xml)\b/.test(contentType)) {
      response.resume();
      throw new AppError(
        'unsupported_media_type',
        msg('errors.url.notText', { type: contentType.split(';')[0] ?? contentType }),
      );
    }
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > limits.maxBytes) {
      response.destroy();
      throw tooLarge(limits);
    }
    const body = await readBody(response, limits, signal);
    return { url: current.toString(), contentType, text: decode(body, contentType) };
  }
}

const tooLarge = (limits: FetchLimits) =>
  new AppError(
    'payload_too_large',
    msg('errors.url.tooLarge', { megabytes: Math.round(limits.maxBytes / 1024 / 1024) }),
  );

const timedOut = (signal: AbortSignal) =>
  signal.reason instanceof Error && signal.reason.name === 'TimeoutError'
    ? refusedUrl(msg('errors.url.timeout'))
    : refusedUrl(msg('errors.url.fetchFailed'));

/** The one address to connect to: a literal is checked as it is, a name after resolution. */
async function checkedAddress(
  host: string,
  port: number,
  policy: AddressPolicy,
  resolve: Resolve,
  signal: AbortSignal,
): Promise<{ address: string; family: number }> {
  if (isIP(host)) {
    if (!policy(host, port)) throw refusedUrl(msg('errors.url.private'));
    return { address: host, family: isIP(host) };
  }
  let addresses: Array<{ address: string; family: number }>;
  try {
    addresses = await resolve(host);
  } catch {
    throw refusedUrl(msg('errors.url.unknownHost', { host }));
  }
  if (signal.aborted) throw timedOut(signal);
  // Every answer must pass: a name that also points inside is refused as a whole.
  if (addresses.length === 0 || addresses.some((entry) => !policy(entry.address, port)))
    throw refusedUrl(msg('errors.url.private'));
  return addresses[0]!;
}

function send(url: URL, target: { address: string; family: number }, signal: AbortSignal) {
  // The client's own lookup would resolve again; this hands it the checked address instead.
  const lookup = ((_hostname, options, callback) => {
    if (options.all) callback(null, [target]);
    else callback(null, target.address, target.family);
  }) as LookupFunction;
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<IncomingMessage>((resolve, reject) => {
    const outgoing = request(url, {
      method: 'GET',
      lookup,
      signal,
      headers: {
        'user-agent': 'Charla reading room',
        accept: 'text/html,application/xhtml+xml,text/plain;q=0.9,text/markdown;q=0.9',
        'accept-encoding': 'identity',
      },
    });
    outgoing.on('response', resolve);
    outgoing.on('error', () =>
      reject(signal.aborted ? timedOut(signal) : refusedUrl(msg('errors.url.fetchFailed'))),
    );
    outgoing.end();
  });
}

async function readBody(
  response: IncomingMessage,
  limits: FetchLimits,
  signal: AbortSignal,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response) {
      size += (chunk as Buffer).length;
      if (size > limits.maxBytes) {
        response.destroy();
        throw tooLarge(limits);
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw signal.aborted ? timedOut(signal) : refusedUrl(msg('errors.url.unreadable'));
  }
  return Buffer.concat(chunks);
}

function decode(body: Buffer, contentType: string): string {
  const charset = /charset=["']?([\w-]+)/.exec(contentType)?.[1] ?? 'utf-8';
  try {
    return new TextDecoder(charset).decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}
