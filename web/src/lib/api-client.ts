/**
 * The web app's only door to the server: every HTTP call goes through here so that cookies, CSRF and the
 * one error shape are handled in exactly one place.
 */
import { interfaceLanguage, translate } from '../i18n/i18n.ts';

export type ValidationIssue = { path: string; message: string };

/** Raised for every failed call: an error response from the server, or no response at all. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** Field-level problems of a `validation_failed` response, normalised to dotted string paths. */
  get issues(): ValidationIssue[] {
    const details = this.details;
    if (typeof details !== 'object' || details === null || !('issues' in details)) return [];
    const issues = (details as { issues: unknown }).issues;
    if (!Array.isArray(issues)) return [];
    return issues.flatMap((issue): ValidationIssue[] => {
      if (typeof issue !== 'object' || issue === null) return [];
      const { path, message } = issue as { path?: unknown; message?: unknown };
      if (typeof message !== 'string') return [];
      // The contract says a string; tolerate zod's array form so a server change cannot hide messages.
      const normalised = Array.isArray(path) ? path.join('.') : typeof path === 'string' ? path : '';
      return [{ path: normalised, message }];
    });
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let knownCsrfToken: string | null = null;

/**
 * Remembers the token the server returned from login, sign-up or `GET /api/me`. The cookie stays the
 * source of truth; this is the fallback for when the cookie cannot be read (e.g. a different cookie path).
 */
export function setCsrfToken(token: string | null): void {
  knownCsrfToken = token;
}

export function readCsrfCookie(): string | null {
  if (typeof document === 'undefined') return null;
  for (const part of document.cookie.split(';')) {
    const [rawName, ...rest] = part.trim().split('=');
    if (rawName === 'csrf_token') {
      const value = rest.join('=');
      try {
        return decodeURIComponent(value);
      } catch {
        return value;
      }
    }
  }
  return null;
}

function currentCsrfToken(): string | null {
  return readCsrfCookie() ?? knownCsrfToken;
}

type UnauthenticatedListener = () => void;
const unauthenticatedListeners = new Set<UnauthenticatedListener>();

/**
 * Called when an ordinary request comes back 401, meaning the session may have ended (expired, or
 * signed out everywhere from another device). Calls that check a password opt out with `credentialCheck`.
 */
export function onUnauthenticated(listener: UnauthenticatedListener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

export type RequestOptions = {
  body?: unknown;
  signal?: AbortSignal;
  /** A 401 from this call means "wrong password", not "session gone". */
  credentialCheck?: boolean;
  /** What the call expects back; JSON unless said otherwise (an event stream). */
  accept?: string;
  /** A file sent as the raw body instead of JSON (an import). */
  file?: Blob;
  /** A multipart form (an audio upload with its fields); the browser writes its content type. */
  form?: FormData;
};

function buildInit(method: string, options: RequestOptions): RequestInit {
  // API messages follow the interface language (the signed-in profile's wins on the server).
  const headers: Record<string, string> = {
    accept: options.accept ?? 'application/json',
    'accept-language': interfaceLanguage(),
  };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.file) headers['content-type'] = options.file.type || 'application/octet-stream';
  if (unsafeMethods.has(method)) {
    const token = currentCsrfToken();
    if (token) headers['x-csrf-token'] = token;
  }
  return {
    method,
    headers,
    credentials: 'same-origin',
    body:
      options.form ?? options.file ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    signal: options.signal,
  };
}

/** One call with the app's headers and error handling; the response is the caller's to read. */
export async function send(method: string, path: string, options: RequestOptions): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, buildInit(method, options));
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network_error', translate('common.errors.network'));
  }
  if (!response.ok) {
    const error = await toApiError(response);
    if (error.status === 401 && !options.credentialCheck) {
      for (const listener of unauthenticatedListeners) listener();
    }
    throw error;
  }
  return response;
}

async function toApiError(response: Response): Promise<ApiError> {
  let payload: unknown = null;
  try {
    payload = await response.json();
  } catch {
    // Not JSON (a proxy page, an empty body): fall through to a generic message.
  }
  if (typeof payload === 'object' && payload !== null && 'error' in payload) {
    const body = (payload as { error: unknown }).error;
    if (typeof body === 'object' && body !== null) {
      const { code, message, details } = body as { code?: unknown; message?: unknown; details?: unknown };
      if (typeof code === 'string' && typeof message === 'string') {
        return new ApiError(response.status, code, message, details);
      }
    }
  }
  return new ApiError(
    response.status,
    response.status >= 500 ? 'internal_error' : 'unknown_error',
    translate('common.errors.unexpectedStatus', { status: response.status }),
  );
}

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(method, path, options);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  if (text === '') return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError(response.status, 'invalid_response', translate('common.errors.unreadable'));
  }
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('PUT', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('PATCH', path, { ...options, body }),
  delete: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('DELETE', path, { ...options, body }),
};

/** The raw response of a call that succeeded (audio bytes, with headers), or the same `ApiError`s. */
export function requestResponse(
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<Response> {
  return send(method, path, options);
}

/** POSTs a file as the request body, as it is (the server reads it as a stream), and reads the JSON answer. */
export function uploadFile<T>(path: string, file: Blob): Promise<T> {
  return request<T>('POST', path, { file });
}

export type Download = { blob: Blob; filename: string };

/** Fetches a file the server sends as an attachment, keeping its suggested file name. */
export async function downloadFile(path: string, fallbackName: string): Promise<Download> {
  const response = await send('GET', path, {});
  const blob = await response.blob();
  return {
    blob,
    filename: filenameFromDisposition(response.headers.get('content-disposition')) ?? fallbackName,
  };
}

export function filenameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const encoded = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(header);
  if (encoded?.[1]) {
    try {
      return decodeURIComponent(encoded[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // Fall back to the plain parameter below.
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header);
  const name = plain?.[2] ?? plain?.[1]?.trim();
  return name ? name : null;
}
