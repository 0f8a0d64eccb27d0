import type { ReactNode } from 'react';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { vi } from 'vitest';

// Tells React that updates in these tests are wrapped in act(), so it flushes them synchronously.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export type Rendered = { container: HTMLElement; root: Root; unmount: () => void };

export async function render(ui: ReactNode): Promise<Rendered> {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  await act(async () => root.render(ui));
  return {
    container,
    root,
    unmount: () => {
      act(() => root.unmount());
      container.remove();
    },
  };
}

/** Retries an assertion while letting React and pending promises (lazy pages, fetches) settle. */
export async function waitFor<T>(assertion: () => T, timeoutMs = 2000): Promise<T> {
  const started = Date.now();
  let lastError: unknown;
  while (Date.now() - started < timeoutMs) {
    try {
      return assertion();
    } catch (error) {
      lastError = error;
      await act(async () => {
        await new Promise((resolve) => setTimeout(resolve, 10));
      });
    }
  }
  throw lastError;
}

function normalise(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/** The control a <label> with exactly this text points at, like a user reading the form. */
/** The element `selector` finds once it is there (a lazy panel loads first). */
export function findElement(container: HTMLElement, selector: string): Promise<HTMLElement> {
  return waitFor(() => {
    const element = container.querySelector<HTMLElement>(selector);
    if (!element) throw new Error(`Nothing matches ${selector} yet`);
    return element;
  });
}

export function getByLabel(container: HTMLElement, text: string): HTMLInputElement | HTMLSelectElement {
  const label = [...container.querySelectorAll('label')].find(
    (element) => normalise(element.textContent) === text,
  );
  if (!label) throw new Error(`No label "${text}"`);
  const control = label.htmlFor
    ? container.querySelector(`[id="${label.htmlFor}"]`)
    : label.querySelector('input, select');
  if (!control) throw new Error(`Label "${text}" points at nothing`);
  return control as HTMLInputElement | HTMLSelectElement;
}

export function queryButton(container: HTMLElement, name: string): HTMLButtonElement | null {
  return (
    [...container.querySelectorAll('button')].find((button) => normalise(button.textContent) === name) ?? null
  );
}

export function getButton(container: HTMLElement, name: string): HTMLButtonElement {
  const button = queryButton(container, name);
  if (!button) throw new Error(`No button "${name}"`);
  return button;
}

export function linkTexts(container: HTMLElement, selector = 'a'): string[] {
  return [...container.querySelectorAll(selector)].map((link) => normalise(link.textContent));
}

export function heading(container: HTMLElement): string {
  return normalise(container.querySelector('h1')?.textContent);
}

/** Sets a value the way typing does, so React's onChange fires. */
export async function fill(control: HTMLInputElement | HTMLSelectElement, value: string): Promise<void> {
  const prototype =
    control instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
  const setter = Object.getOwnPropertyDescriptor(prototype, 'value')?.set;
  await act(async () => {
    setter?.call(control, value);
    control.dispatchEvent(
      new Event(control instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }),
    );
  });
}

export async function click(element: HTMLElement): Promise<void> {
  await act(async () => {
    element.click();
  });
}

/**
 * A `text/event-stream` response the test feeds event by event, like the server's turn stream. When the
 * request's signal aborts, the body fails with an AbortError, as the browser's fetch does.
 */
export function eventStreamResponse(signal?: AbortSignal) {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(streamController) {
      controller = streamController;
    },
  });
  let closed = false;
  signal?.addEventListener('abort', () => {
    if (closed) return;
    closed = true;
    controller.error(new DOMException('The operation was aborted.', 'AbortError'));
  });
  return {
    response: new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } }),
    /** Sends raw text (any chunking the test wants). */
    write(text: string) {
      if (!closed) controller.enqueue(encoder.encode(text));
    },
    /** Sends one event in the server's framing: `event: <type>` and one `data:` line of JSON. */
    send(event: { type: string } & Record<string, unknown>) {
      if (!closed)
        controller.enqueue(encoder.encode(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`));
    },
    close() {
      if (closed) return;
      closed = true;
      controller.close();
    },
  };
}

export type FetchCall = {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  /** The request's AbortSignal, so a streamed response can end the way a real one does on abort. */
  signal: AbortSignal | undefined;
};

type Handler = (call: FetchCall) => Response | Promise<Response>;

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

export function apiError(status: number, code: string, message: string, details?: unknown): Response {
  return json({ error: { code, message, ...(details === undefined ? {} : { details }) } }, status);
}

/** Replaces fetch with a router of canned responses and records every call. */
export function mockFetch(routes: Record<string, Handler>): FetchCall[] {
  const calls: FetchCall[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const method = (init.method ?? 'GET').toUpperCase();
    const url = typeof input === 'string' ? input : input instanceof URL ? input.pathname : input.url;
    const headers = { ...(init.headers as Record<string, string> | undefined) };
    // JSON as the object it encodes; a multipart form (an audio upload) as the FormData itself.
    const body =
      typeof init.body === 'string'
        ? JSON.parse(init.body)
        : init.body instanceof FormData
          ? init.body
          : undefined;
    const call = { method, url, headers, body, signal: init.signal ?? undefined };
    calls.push(call);
    const handler = routes[`${method} ${url}`];
    if (!handler) return apiError(404, 'not_found', `No mock for ${method} ${url}`);
    return handler(call);
  });
  return calls;
}
