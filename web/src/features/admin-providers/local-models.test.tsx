// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DownloadProgress, LocalModels } from '../../../../contracts/providers.ts';
import { click, getButton, json, mockFetch, queryButton, type Rendered, waitFor } from '../../test/dom.tsx';
import { renderApp } from '../../test/render-app.tsx';
import { makeDownload, makeList, makeLocalModels, makeProvider, pageRoutes } from './providers-test-data.ts';

let rendered: Rendered | null = null;
afterEach(() => {
  rendered?.unmount();
  rendered = null;
  vi.unstubAllGlobals();
  FakeEventSource.instances = [];
});

/** The browser's EventSource as the server's progress stream drives it (happy-dom has none). */
class FakeEventSource extends EventTarget {
  static instances: FakeEventSource[] = [];
  readonly url: string;
  closed = false;

  constructor(url: string) {
    super();
    this.url = url;
    FakeEventSource.instances.push(this);
  }

  close() {
    this.closed = true;
  }

  /** One `event: progress` frame. */
  async progress(download: DownloadProgress) {
    await act(async () => {
      this.dispatchEvent(new MessageEvent('progress', { data: JSON.stringify(download) }));
    });
  }
}

function openStreams(): FakeEventSource[] {
  return FakeEventSource.instances.filter((source) => !source.closed);
}

function entry(page: HTMLElement, name: string): HTMLElement {
  const found = [...page.querySelectorAll<HTMLElement>('.local-model')].find(
    (element) => element.querySelector('h4')?.textContent === name,
  );
  if (!found) throw new Error(`No catalogue entry "${name}"`);
  return found;
}

async function openLocalModels(): Promise<HTMLElement> {
  rendered = await renderApp('/admin/providers#local-model');
  const page = rendered.container;
  await waitFor(() => expect(page.querySelector('.local-model')).not.toBeNull());
  return page;
}

const modelName = 'Qwen2.5 1.5B Instruct';

describe('local models', () => {
  it('downloads with a live progress bar (bytes, speed, time left), then offers the file as a provider', async () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    let local: LocalModels = makeLocalModels();
    const calls = mockFetch({
      ...pageRoutes(makeList()),
      'GET /api/admin/local-models': () => json(local),
      'POST /api/admin/local-models/qwen2.5-1.5b/download': () => json({ download: makeDownload() }, 202),
      'POST /api/admin/providers': (call) =>
        json(
          {
            provider: makeProvider({
              id: 'qwen',
              kind: 'local',
              name: (call.body as { name: string }).name,
              local: true,
              modelFile: 'qwen2.5-1.5b-instruct-q4_k_m.gguf',
            }),
          },
          201,
        ),
    });
    const page = await openLocalModels();
    const qwen = entry(page, modelName);
    expect(qwen.querySelector('.badge-warning')?.textContent).toBe('unverified');
    expect(qwen.textContent).toContain('Needs 2.0 GB of memory; 9.0 GB is free.');
    expect(page.querySelector('#local-model')?.textContent).toContain('makes more language mistakes');
    // Nothing runs yet: no stream is open.
    expect(FakeEventSource.instances).toHaveLength(0);

    await click(getButton(qwen, `Download ${modelName}`));
    await waitFor(() => expect(openStreams()).toHaveLength(1));
    expect(openStreams()[0]!.url).toBe('/api/admin/local-models/events');

    await openStreams()[0]!.progress(
      makeDownload({
        receivedBytes: 500_000_000,
        totalBytes: 1_000_000_000,
        bytesPerSecond: 10_000_000,
        secondsLeft: 50,
      }),
    );
    const bar = entry(page, modelName).querySelector('[role="progressbar"]') as HTMLElement;
    expect(bar.getAttribute('aria-valuenow')).toBe('50');
    expect(bar.getAttribute('aria-valuetext')).toBe('500 MB of 1.0 GB · 10 MB/s · 50 s left');
    expect(entry(page, modelName).querySelector('.download-progress-text')?.textContent).toContain('50%');

    // Complete: the stream closes and the list is read again, now with the verified file.
    local = makeLocalModels({
      catalogue: [
        { ...makeLocalModels().catalogue[0]!, downloaded: true, verified: true, sizeBytes: 1_000_000_000 },
      ],
      files: [
        {
          file: 'qwen2.5-1.5b-instruct-q4_k_m.gguf',
          sizeBytes: 1_000_000_000,
          catalogueId: 'qwen2.5-1.5b',
          verified: true,
          sha256: 'ab'.repeat(32),
          providerId: null,
        },
      ],
    });
    await openStreams()[0]!.progress(
      makeDownload({ state: 'complete', receivedBytes: 1_000_000_000, totalBytes: 1_000_000_000 }),
    );
    await waitFor(() =>
      expect(queryButton(entry(page, modelName), `Use this model (${modelName})`)).not.toBeNull(),
    );
    expect(openStreams()).toHaveLength(0);
    expect(entry(page, modelName).querySelector('.badge-warning')).toBeNull();

    await click(getButton(entry(page, modelName), `Use this model (${modelName})`));
    await waitFor(() =>
      expect(page.querySelector('[role="status"].alert-success')?.textContent).toContain(
        `Added the local model ${modelName} as a provider.`,
      ),
    );
    expect(calls.find((call) => call.method === 'POST' && call.url === '/api/admin/providers')?.body).toEqual(
      {
        kind: 'local',
        name: modelName,
        modelFile: 'qwen2.5-1.5b-instruct-q4_k_m.gguf',
      },
    );
  });

  it('picks up a download already running, cancels it and stops listening', async () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    const running = makeDownload({ receivedBytes: 200_000_000, totalBytes: 1_000_000_000 });
    let local = makeLocalModels({ downloads: [running] });
    const calls = mockFetch({
      ...pageRoutes(makeList()),
      'GET /api/admin/local-models': () => json(local),
      'DELETE /api/admin/local-models/qwen2.5-1.5b/download': () => {
        local = makeLocalModels();
        return json({ download: { ...running, state: 'cancelled' } });
      },
    });
    const page = await openLocalModels();
    await waitFor(() => expect(openStreams()).toHaveLength(1));
    const bar = entry(page, modelName).querySelector('[role="progressbar"]') as HTMLElement;
    expect(bar.getAttribute('aria-valuetext')).toBe('200 MB of 1.0 GB');

    await click(getButton(entry(page, modelName), `Cancel the download of ${modelName}`));
    await waitFor(() => expect(entry(page, modelName).textContent).toContain('Download cancelled.'));
    expect(calls.filter((call) => call.method === 'DELETE')).toHaveLength(1);
    expect(openStreams()).toHaveLength(0);
    expect(entry(page, modelName).querySelector('[role="progressbar"]')).toBeNull();
    expect(queryButton(entry(page, modelName), `Download ${modelName}`)).not.toBeNull();
  });

  it('shows a failed download’s reason, and files placed in the models folder with their provider', async () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    mockFetch({
      ...pageRoutes(
        makeList({
          providers: [makeProvider({ id: 'tiny', kind: 'local', name: 'Tiny model', local: true })],
        }),
        makeLocalModels({
          downloads: [makeDownload({ state: 'failed', error: 'The download stopped: the disk is full.' })],
          files: [
            {
              file: 'my-own.gguf',
              sizeBytes: 800_000_000,
              catalogueId: null,
              verified: false,
              sha256: null,
              providerId: null,
            },
            {
              file: 'tiny.gguf',
              sizeBytes: 2_000_000,
              catalogueId: null,
              verified: false,
              sha256: null,
              providerId: 'tiny',
            },
          ],
        }),
      ),
    });
    const page = await openLocalModels();
    expect(entry(page, modelName).querySelector('.alert-error')?.textContent).toBe(
      'The download stopped: the disk is full.',
    );
    expect(FakeEventSource.instances).toHaveLength(0);
    const files = [...page.querySelectorAll<HTMLElement>('.local-file')];
    expect(files.map((file) => file.querySelector('code')?.textContent)).toEqual([
      'my-own.gguf',
      'tiny.gguf',
    ]);
    expect(queryButton(files[0]!, 'Use this model (my-own)')).not.toBeNull();
    expect(files[1]!.textContent).toContain('In use as the provider “Tiny model”.');
    expect(page.querySelector('#local-model')?.textContent).toContain('/srv/charla/data/models');
  });
});
