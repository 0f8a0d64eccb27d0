// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SpeechCapabilities } from '../../../../contracts/speech.ts';
import {
  click,
  fill,
  getButton,
  getByLabel,
  json,
  mockFetch,
  queryButton,
  type Rendered,
  waitFor,
} from '../../test/dom.tsx';
import { installFakeMicrophone, installFakeSpeech } from '../../test/fake-speech.ts';
import { makeUser } from '../../test/fixtures.ts';
import { renderApp } from '../../test/render-app.tsx';
import { stopSpeaking } from './synthesis.ts';

let rendered: Rendered | null = null;
afterEach(() => {
  rendered?.unmount();
  rendered = null;
  stopSpeaking();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const caps = (voices: string[]): SpeechCapabilities => ({
  transcribe: { available: true, reason: null },
  speak: { available: true, reason: null, voices, defaultVoice: voices[0] ?? null },
  maxSeconds: 120,
  maxBytes: 10485760,
});

const recording = {
  id: '0b7c3a8e-6a3e-4a0f-9d4e-2f3b1c5d6e7f',
  conversationId: 'c1',
  createdAt: '2026-12-01T10:00:00.000Z',
  durationMs: 2400,
  mimeType: 'audio/webm',
  bytes: 9000,
  language: 'es',
  transcript: 'Quiero un café',
};

function learner(storeAudio: boolean) {
  return makeUser(
    {},
    {
      targetLanguages: [{ language: 'es', level: 'A2' }],
      voice: { rate: 0.9, voiceNames: {}, autoSpeak: false, engine: 'auto', serverVoices: {}, storeAudio },
    },
  );
}

describe('server speech settings', () => {
  it('chooses the engine and a server voice from the provider’s list, tests it through the server, and keeps recordings', async () => {
    installFakeSpeech();
    const mic = installFakeMicrophone();
    let user = learner(false);
    const calls = mockFetch({
      'GET /api/me': () => json({ user, csrfToken: 'csrf-1' }),
      'GET /api/speech/capabilities?language=es': () => json(caps(['alloy', 'nova'])),
      'POST /api/speech/synthesis': () =>
        new Response(new Uint8Array([1, 2, 3]), { headers: { 'content-type': 'audio/mpeg' } }),
      'GET /api/speech/recordings': () => json({ recordings: [recording] }),
      [`DELETE /api/speech/recordings/${recording.id}`]: () => new Response(null, { status: 204 }),
      'PATCH /api/me/profile': (call) => {
        const voice = (call.body as { voice: Record<string, unknown> }).voice;
        user = makeUser(
          {},
          {
            ...user.profile,
            voice: { ...user.profile.voice, ...voice, serverVoices: { es: 'nova' }, voiceNames: {} },
          },
        );
        return json({ user });
      },
    });
    rendered = await renderApp('/settings');
    const page = rendered.container;
    const select = (await waitFor(() => getByLabel(page, 'Spanish server voice'))) as HTMLSelectElement;
    expect([...select.options].map((option) => option.textContent)).toEqual([
      'Default (alloy)',
      'alloy',
      'nova',
    ]);
    await fill(select, 'nova');
    await click(getButton(page, 'Test voice (Spanish, server)'));
    await waitFor(() =>
      expect(calls.filter((call) => call.url === '/api/speech/synthesis').map((call) => call.body)).toEqual([
        { text: 'Spanish.', language: 'es', voice: 'nova', speed: 0.9 },
      ]),
    );
    await waitFor(() => expect(mic.playing()).not.toBeNull());

    await click(
      page.querySelector<HTMLInputElement>('input[name="engine"][value="server"]') as HTMLInputElement,
    );
    await click(getByLabel(page, 'Keep my recordings') as unknown as HTMLInputElement);
    await click(getButton(page, 'Save speech settings'));
    await waitFor(() => expect(page.textContent).toContain('Your speech settings are saved.'));
    const patch = calls.find((call) => call.method === 'PATCH');
    expect(patch?.body).toMatchObject({
      voice: { engine: 'server', serverVoices: { es: 'nova' }, storeAudio: true },
    });

    // Kept recordings are listed with their transcript, to play or delete.
    const item = await waitFor(() => {
      const found = page.querySelector<HTMLElement>('.recording');
      if (!found) throw new Error('no recordings yet');
      return found;
    });
    expect(item.textContent).toContain('Quiero un café');
    expect(item.querySelector('audio')?.getAttribute('src')).toBe(`/api/speech/recordings/${recording.id}`);
    await click(getButton(item, 'Delete the recording “Quiero un café”'));
    await waitFor(() => expect(page.querySelector('.recording')).toBeNull());
    expect(calls.some((call) => call.method === 'DELETE')).toBe(true);
  });

  it('tells an admin where to set up speech when the server has none, and hides server voices', async () => {
    installFakeSpeech();
    mockFetch({
      'GET /api/me': () =>
        json({ user: makeUser({ role: 'admin' }, learner(false).profile), csrfToken: 'csrf-1' }),
      'GET /api/speech/capabilities?language=es': () =>
        json({
          ...caps([]),
          transcribe: { available: false, reason: 'not_set_up' },
          speak: { available: false, reason: 'not_set_up', voices: [], defaultVoice: null },
        }),
    });
    rendered = await renderApp('/settings');
    const page = rendered.container;
    await waitFor(() => expect(page.textContent).toContain('The server’s speech is not set up.'));
    expect(page.querySelector('a[href="/admin/providers#speech"]')?.textContent).toBe('Set up speech');
    expect(queryButton(page, 'Test voice (Spanish, server)')).toBeNull();
  });
});
