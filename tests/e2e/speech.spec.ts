import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { checkPage } from './page-checks.ts';
import {
  createOnboardedLearner,
  fakeLlmControl,
  fakeLlmOrigin,
  owner,
  screenshot,
  scriptFakeLlm,
  signInByApi,
  waitForOpening,
} from './support.ts';

/*
 * Speech through the server, in real Chromium against the real app and the fake's audio endpoints. The
 * microphone is a WebAudio tone (an oscillator through a gain the journey turns up and down, into a
 * MediaStreamAudioDestinationNode), so voice activity and barge-in happen exactly when the journey says;
 * the fake transcribes by script, so the tone's "words" do not matter. This project's Chromium plays
 * audio without a gesture (playwright.config.ts), as voice mode speaks replies nobody clicked.
 */

type MicWindow = Window & { charlaMic: { on: () => void; off: () => void } };

/** Replaces getUserMedia with the tone; `window.charlaMic.on()/off()` is the learner speaking or not. */
async function fakeMicrophone(page: Page) {
  await page.addInitScript(() => {
    let graph: { context: AudioContext; gain: GainNode } | null = null;
    const build = () => {
      if (graph) return graph;
      const context = new AudioContext();
      const oscillator = context.createOscillator();
      oscillator.frequency.value = 220;
      const gain = context.createGain();
      gain.gain.value = 0;
      oscillator.connect(gain);
      oscillator.start();
      graph = { context, gain };
      return graph;
    };
    (window as unknown as MicWindow).charlaMic = {
      on: () => build().gain.gain.setValueAtTime(0.5, build().context.currentTime),
      off: () => build().gain.gain.setValueAtTime(0, build().context.currentTime),
    };
    Object.defineProperty(navigator.mediaDevices, 'getUserMedia', {
      configurable: true,
      value: async () => {
        const { context, gain } = build();
        await context.resume();
        // A stream per call: the app stops its tracks when it closes the microphone.
        const destination = context.createMediaStreamDestination();
        gain.connect(destination);
        return destination.stream;
      },
    });
  });
}

const speakOn = (page: Page) => page.evaluate(() => (window as unknown as MicWindow).charlaMic.on());
const speakOff = (page: Page) => page.evaluate(() => (window as unknown as MicWindow).charlaMic.off());

type FakeRecord = { endpoint: string; body: Record<string, unknown> | null; audioMs?: number };

async function fakeCalls(request: APIRequestContext, endpoint: string, since: number): Promise<FakeRecord[]> {
  const response = await request.get(`${fakeLlmControl}/requests?endpoint=${endpoint}&since=${since}`);
  return ((await response.json()) as { requests: FakeRecord[] }).requests;
}

const providerName = 'Fake speech';
let providerId = '';

/** The owner sets speech up as an admin would: an OpenAI-compatible provider and both speech chains. */
async function setUpSpeech(request: APIRequestContext) {
  const csrf = await signInByApi(request, owner.username, owner.password);
  const headers = { 'x-csrf-token': csrf };
  const created = await request.post('/api/admin/providers', {
    data: { kind: 'openai-compatible', name: providerName, baseUrl: `${fakeLlmOrigin}/v1` },
    headers,
  });
  expect(created.status(), await created.text()).toBe(201);
  providerId = ((await created.json()) as { provider: { id: string } }).provider.id;
  for (const [fn, link] of [
    ['transcribe', { provider: providerId, model: 'whisper-1' }],
    ['speak', { provider: providerId, model: 'tts-1', voice: 'alloy' }],
  ] as const) {
    const saved = await request.put('/api/admin/providers/speech-chains', {
      data: { function: fn, links: [link] },
      headers,
    });
    expect(saved.status(), await saved.text()).toBe(200);
  }
}

/** The other journeys run against the same app: they find it as it was. */
test.afterAll(async ({ request }) => {
  if (!providerId) return;
  const csrf = await signInByApi(request, owner.username, owner.password);
  const headers = { 'x-csrf-token': csrf };
  for (const fn of ['transcribe', 'speak'])
    await request.put('/api/admin/providers/speech-chains', { data: { function: fn, links: [] }, headers });
  await request.delete(`/api/admin/providers/${providerId}`, { headers });
});

test('a learner talks to the tutor through the server’s speech: push-to-talk, voice mode and barge-in', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await setUpSpeech(page.request);
  await fakeMicrophone(page);
  await createOnboardedLearner(page.request, 'vera', { target: 'es', level: 'A2' });

  // Settings: the learner chooses the server's speech, with a voice from the provider's list.
  await page.goto('/settings');
  await page.getByRole('radio', { name: /The server/ }).check();
  const voice = page.getByLabel('Spanish server voice');
  await expect(voice).toBeVisible();
  await voice.selectOption('nova');
  await page.getByRole('button', { name: 'Save speech settings' }).click();
  await expect(page.getByText('Your speech settings are saved.')).toBeVisible();
  await checkPage(page, async () => {
    await expect(page.getByLabel('Spanish server voice')).toBeVisible();
  });
  await screenshot(page, 'speech-01-settings');

  const csrf = (await (await page.request.get('/api/me')).json()).csrfToken as string;
  const created = await page.request.post('/api/conversations', {
    data: { language: 'es' },
    headers: { 'x-csrf-token': csrf },
  });
  const { conversation } = (await created.json()) as { conversation: { id: string } };
  await scriptFakeLlm(page.request, [
    { endpoint: 'transcription', language: 'es', text: 'Quiero un café con leche, por favor.' },
    { endpoint: 'transcription', language: 'es', text: 'Y también un bocadillo.' },
    { endpoint: 'transcription', language: 'es', text: 'Perdón, mejor sin azúcar.' },
    {
      label: 'reply to the coffee',
      contains: 'café con leche',
      structured: false,
      text: 'Muy bien. Un café con leche para usted.',
    },
    {
      label: 'long reply to the sandwich',
      contains: 'bocadillo',
      structured: false,
      text: 'Claro que sí, tenemos bocadillos de jamón, de queso y de tortilla, todos hechos esta misma mañana con pan recién horneado de la panadería de la esquina. ¿Cuál prefiere?',
    },
  ]);
  const started = Date.now();

  await page.goto(`/conversations/${conversation.id}`);
  await waitForOpening(page);
  const box = page.getByLabel('Your message in Spanish');

  // Push-to-talk: press, speak, press again; the server writes it down into the draft.
  await page.getByRole('button', { name: 'Speak' }).click();
  await expect(page.locator('.composer-speech')).toHaveText('Recording… press Stop when you have finished.');
  await speakOn(page);
  await page.waitForTimeout(1200);
  await speakOff(page);
  await page.getByRole('button', { name: 'Stop listening' }).click();
  await expect(box).toHaveValue('Quiero un café con leche, por favor.');
  const [upload] = await fakeCalls(page.request, 'transcription', started);
  expect(upload?.body).toMatchObject({
    model: 'whisper-1',
    language: 'es',
    file: { contentType: expect.stringMatching(/^audio\/webm/) },
  });
  await box.press('Enter');
  const firstReply = page.locator('li.message-tutor').last();
  await expect(firstReply).toContainText('Un café con leche para usted.');
  await expect(firstReply).toHaveAttribute('data-status', 'complete');

  // Listen plays the reply through the server's synthesis, sentence by sentence.
  await firstReply.getByRole('button', { name: 'Listen' }).click();
  const audio = page.locator('audio[data-charla-speech]');
  await expect
    .poll(() => audio.evaluate((element: HTMLAudioElement) => element.currentTime), { timeout: 10_000 })
    .toBeGreaterThan(0);
  await expect(firstReply.getByRole('button', { name: 'Listen' })).toBeVisible({ timeout: 15_000 });
  const spoken = await fakeCalls(page.request, 'speech', started);
  // One call per sentence; the second is fetched while the first plays, so they may arrive in either order.
  expect(spoken.map((call) => call.body?.input).sort()).toEqual([
    'Muy bien.',
    'Un café con leche para usted.',
  ]);
  for (const call of spoken) expect(call.body).toMatchObject({ model: 'tts-1', voice: 'nova' });
  await screenshot(page, 'speech-02-listened');

  // Voice mode, hands-free: the learner speaks and stops; the take is sent; the reply is spoken.
  await page.getByRole('button', { name: 'Voice mode' }).click();
  const status = page.locator('.speech-bar-status');
  await expect(status).toHaveText('Listening… speak Spanish when you are ready.');
  await speakOn(page);
  await expect(status).toHaveText('Recording… it is sent when you stop talking.');
  await page.waitForTimeout(800);
  await speakOff(page);
  await expect(page.locator('li.message-learner').last()).toHaveText(/Y también un bocadillo\./, {
    timeout: 10_000,
  });
  await expect(status).toHaveText('The tutor is speaking.', { timeout: 15_000 });
  await expect
    .poll(() => audio.evaluate((element: HTMLAudioElement) => element.currentTime), { timeout: 10_000 })
    .toBeGreaterThan(0);
  await screenshot(page, 'speech-03-voice-mode-speaking');

  // Barge-in: the learner talks over the tutor, whose audio stops at once.
  await speakOn(page);
  await expect
    .poll(() => audio.evaluate((element: HTMLAudioElement) => element.paused), { timeout: 5_000 })
    .toBe(true);
  await expect(status).toHaveText('Recording… it is sent when you stop talking.');
  const interruptedAt = await audio.evaluate((element: HTMLAudioElement) => element.currentTime);
  await page.waitForTimeout(500);
  expect(await audio.evaluate((element: HTMLAudioElement) => element.currentTime)).toBe(interruptedAt);
  await speakOff(page);
  await expect(page.locator('li.message-learner').last()).toHaveText(/Perdón, mejor sin azúcar\./, {
    timeout: 10_000,
  });
  await page.getByRole('button', { name: 'Voice mode' }).click();
});

test('a recording made by Chromium’s MediaRecorder is measured by the server', async ({ page }) => {
  await fakeMicrophone(page);
  if (!providerId) await setUpSpeech(page.request);
  await createOnboardedLearner(page.request, 'ruth', { target: 'es', level: 'A2' });
  // French, so no rule left by another take can answer this one.
  await scriptFakeLlm(page.request, [{ endpoint: 'transcription', language: 'fr', text: 'Bonjour.' }]);
  await page.goto('/settings');
  const recordedMs = 2000;
  const result = await page.evaluate(async (lengthMs) => {
    (window as unknown as MicWindow).charlaMic.on();
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    const recorder = new MediaRecorder(stream, { mimeType: 'audio/webm;codecs=opus' });
    const chunks: Blob[] = [];
    recorder.ondataavailable = (event) => chunks.push(event.data);
    const stopped = new Promise((resolve) => {
      recorder.onstop = resolve;
    });
    recorder.start();
    await new Promise((resolve) => setTimeout(resolve, lengthMs));
    recorder.stop();
    await stopped;
    const form = new FormData();
    form.append('language', 'fr');
    form.append('file', new Blob(chunks, { type: recorder.mimeType }), 'take.webm');
    const csrf = decodeURIComponent(document.cookie.match(/csrf_token=([^;]+)/)?.[1] ?? '');
    const response = await fetch('/api/speech/transcriptions', {
      method: 'POST',
      body: form,
      headers: { 'x-csrf-token': csrf },
    });
    return { status: response.status, body: await response.json() };
  }, recordedMs);
  expect(result.status, JSON.stringify(result.body)).toBe(200);
  expect(result.body.text).toBe('Bonjour.');
  // Measured from the WebM's own block timestamps: MediaRecorder writes no duration header.
  expect(Math.abs(result.body.durationMs - recordedMs)).toBeLessThan(300);
});
