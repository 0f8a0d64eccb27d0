// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { User } from '../../../../contracts/auth.ts';
import {
  click,
  fill,
  getButton,
  getByLabel,
  json,
  mockFetch,
  type Rendered,
  waitFor,
} from '../../test/dom.tsx';
import { installFakeSpeech, texts } from '../../test/fake-speech.ts';
import { makeUser } from '../../test/fixtures.ts';
import { renderApp } from '../../test/render-app.tsx';
import { stopSpeaking } from './synthesis.ts';

let rendered: Rendered | null = null;
afterEach(() => {
  rendered?.unmount();
  rendered = null;
  stopSpeaking();
  vi.unstubAllGlobals();
});

const learner = makeUser(
  {},
  {
    targetLanguages: [
      { language: 'es', level: 'A2' },
      { language: 'fr', level: 'A1' },
    ],
    voice: {
      rate: 1,
      voiceNames: { es: 'Jorge' },
      autoSpeak: false,
      engine: 'auto',
      serverVoices: {},
      storeAudio: false,
    },
  },
);

async function openSettings(user: User = learner) {
  const calls = mockFetch({
    'GET /api/me': () => json({ user, csrfToken: 'csrf-1' }),
    'PATCH /api/me/profile': (call) => {
      const voice = (call.body as { voice: { rate: number; autoSpeak: boolean } }).voice;
      return json({
        user: makeUser({}, { ...user.profile, voice: { ...user.profile.voice, ...voice, voiceNames: {} } }),
      });
    },
  });
  rendered = await renderApp('/settings');
  const page = rendered.container;
  await waitFor(() => getByLabel(page, 'Spanish voice'));
  return { page, calls };
}

function options(select: HTMLSelectElement): string[] {
  return [...select.options].map((option) => option.textContent ?? '');
}

describe('speech settings', () => {
  it('offers this browser’s voices per language, tests one at the chosen rate, and saves them in the profile', async () => {
    const speech = installFakeSpeech();
    const { page, calls } = await openSettings();
    const spanish = getByLabel(page, 'Spanish voice') as HTMLSelectElement;
    expect(options(spanish)).toEqual([
      'Automatic (Paulina)',
      'Jorge (not on this device)',
      'Paulina · es-MX',
      'Mónica · es-ES',
    ]);
    expect(spanish.value).toBe('Jorge');
    expect(page.textContent).toContain('The voice you chose is not on this device');
    const french = getByLabel(page, 'French voice') as HTMLSelectElement;
    expect(options(french)).toEqual(['Automatic']);
    expect(page.textContent).toContain('This browser has no French voice.');
    expect(getButton(page, 'Test voice (French)').disabled).toBe(true);

    await fill(spanish, 'Mónica');
    await fill(getByLabel(page, 'Speech rate'), '0.75');
    await click(getButton(page, 'Test voice (Spanish)'));
    expect(texts(speech.spoken)).toEqual(['¡Hola! Español.']);
    expect([speech.spoken[0]?.voice?.name, speech.spoken[0]?.rate]).toEqual(['Mónica', 0.75]);
    expect(getButton(page, 'Stop (Spanish)')).toBeTruthy();
    await speech.finishAll();

    await click(getByLabel(page, 'Read replies aloud as they arrive') as HTMLInputElement);
    await click(getButton(page, 'Save speech settings'));
    await waitFor(() => expect(page.textContent).toContain('Your speech settings are saved.'));
    const update = calls.find((call) => call.method === 'PATCH');
    expect(update?.headers['x-csrf-token']).toBe('csrf-1');
    expect(update?.body).toEqual({
      voice: {
        rate: 0.75,
        autoSpeak: true,
        voiceNames: { es: 'Mónica', fr: null },
        engine: 'auto',
        serverVoices: { es: null, fr: null },
        storeAudio: false,
      },
    });
  });

  it('says when the browser cannot speak, and still keeps the preferences for other devices', async () => {
    const { page, calls } = await openSettings();
    expect(page.textContent).toContain('This browser cannot speak, so it has no voices to choose from.');
    expect(getButton(page, 'Test voice (Spanish)').disabled).toBe(true);
    expect(page.textContent).toContain('This browser has no speech recognition');

    await click(getButton(page, 'Save speech settings'));
    await waitFor(() => expect(page.textContent).toContain('Your speech settings are saved.'));
    expect(calls.find((call) => call.method === 'PATCH')?.body).toEqual({
      voice: {
        rate: 1,
        autoSpeak: false,
        voiceNames: { es: 'Jorge', fr: null },
        engine: 'auto',
        serverVoices: { es: null, fr: null },
        storeAudio: false,
      },
    });
  });

  it('leaves speech out of the learning profile form', async () => {
    installFakeSpeech();
    const { page, calls } = await openSettings();
    await click(getButton(page, 'Save profile'));
    await waitFor(() => expect(calls.some((call) => call.method === 'PATCH')).toBe(true));
    expect(calls.find((call) => call.method === 'PATCH')?.body).not.toHaveProperty('voice');
  });
});
