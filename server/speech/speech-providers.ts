import type { SpeechLink } from '../llm/speech-chains.ts';
import { sniffAudio } from './audio-format.ts';

/*
 * The speech APIs, spoken over plain fetch (the AI SDK adapters Charla uses cover chat only):
 *
 * - OpenAI-compatible (OpenAI, Groq, Speaches, whisper.cpp's server, LocalAI, Kokoro-FastAPI):
 *   POST {base}/audio/transcriptions — multipart `file`, `model`, `language`, `response_format=json`
 *   → `{ text }`; POST {base}/audio/speech — JSON `{ model, input, voice, speed, response_format }`
 *   → the audio bytes.
 * - Mistral (Voxtral): POST {base}/audio/transcriptions — multipart `file`, `model`, `language` →
 *   `{ text, language, usage }`; POST {base}/audio/speech — JSON `{ model, input, voice_id,
 *   response_format }` → `{ audio_data: base64 }` (no speed parameter); GET {base}/audio/voices →
 *   `{ items: [{ id, name, slug }] }`.
 */

/** A provider's answer that was not usable; `status` is the HTTP status when there was one. */
export class SpeechProviderError extends Error {
  readonly status: number | undefined;
  constructor(message: string, status?: number) {
    super(message);
    this.name = 'SpeechProviderError';
    this.status = status;
  }
}

export type TranscriptionCall = {
  audio: Buffer;
  mimeType: string;
  fileName: string;
  language: string;
  signal: AbortSignal;
};

export type SynthesisCall = {
  text: string;
  voice: string | undefined;
  speed: number;
  signal: AbortSignal;
};

const url = (link: SpeechLink, path: string) =>
  `${(link.provider.endpoint?.baseURL ?? '').replace(/\/+$/, '')}${path}`;

function headers(link: SpeechLink): Record<string, string> {
  const key = link.provider.endpoint?.apiKey;
  return key ? { authorization: `Bearer ${key}` } : {};
}

/** The provider's error message in a few words, never its whole body. */
async function failure(response: Response): Promise<SpeechProviderError> {
  let detail = '';
  try {
    const text = await response.text();
    try {
      const body = JSON.parse(text) as {
        error?: { message?: unknown } | string;
        message?: unknown;
        detail?: unknown;
      };
      const message =
        typeof body.error === 'object' ? body.error?.message : (body.error ?? body.message ?? body.detail);
      detail = typeof message === 'string' ? message : text;
    } catch {
      detail = text;
    }
  } catch {
    // The body could not be read: the status says enough.
  }
  const short = detail.replace(/\s+/g, ' ').trim().slice(0, 200);
  return new SpeechProviderError(`HTTP ${response.status}${short ? `: ${short}` : ''}`, response.status);
}

/** Speech to text. The conversation's language is always sent: recognition in the right language. */
export async function transcribe(
  link: SpeechLink,
  call: TranscriptionCall,
): Promise<{ text: string; language?: string }> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(call.audio)], { type: call.mimeType }), call.fileName);
  form.append('model', link.model);
  form.append('language', call.language);
  // Mistral's endpoint takes no response_format; the OpenAI-compatible servers default to json but
  // some (whisper.cpp) answer text unless asked.
  if (link.provider.kind === 'openai-compatible') form.append('response_format', 'json');
  const response = await fetch(url(link, '/audio/transcriptions'), {
    method: 'POST',
    headers: headers(link),
    body: form,
    signal: call.signal,
  });
  if (!response.ok) throw await failure(response);
  const body = (await response.json().catch(() => undefined)) as
    | { text?: unknown; language?: unknown }
    | undefined;
  if (typeof body?.text !== 'string') throw new SpeechProviderError('The answer held no transcript.');
  return {
    text: body.text.trim(),
    ...(typeof body.language === 'string' && { language: body.language }),
  };
}

const formatOf: Record<string, string> = {
  'audio/mpeg': 'audio/mpeg',
  'audio/mp3': 'audio/mpeg',
  'audio/wav': 'audio/wav',
  'audio/x-wav': 'audio/wav',
  'audio/wave': 'audio/wav',
  'audio/ogg': 'audio/ogg',
  'audio/opus': 'audio/ogg',
  'audio/flac': 'audio/flac',
  'audio/aac': 'audio/aac',
  'audio/webm': 'audio/webm',
};

/** Text to speech: the audio bytes and their type (MP3 is asked for: every browser plays it). */
export async function speak(
  link: SpeechLink,
  call: SynthesisCall,
): Promise<{ audio: Buffer; mimeType: string }> {
  if (link.provider.kind === 'mistral') {
    const response = await fetch(url(link, '/audio/speech'), {
      method: 'POST',
      headers: { ...headers(link), 'content-type': 'application/json' },
      body: JSON.stringify({
        model: link.model,
        input: call.text,
        ...(call.voice && { voice_id: call.voice }),
        response_format: 'mp3',
        stream: false,
      }),
      signal: call.signal,
    });
    if (!response.ok) throw await failure(response);
    const body = (await response.json().catch(() => undefined)) as { audio_data?: unknown } | undefined;
    if (typeof body?.audio_data !== 'string' || body.audio_data.length === 0)
      throw new SpeechProviderError('The answer held no audio.');
    const audio = Buffer.from(body.audio_data, 'base64');
    return { audio, mimeType: sniffAudio(audio)?.mimeType ?? 'audio/mpeg' };
  }
  const response = await fetch(url(link, '/audio/speech'), {
    method: 'POST',
    headers: { ...headers(link), 'content-type': 'application/json' },
    body: JSON.stringify({
      model: link.model,
      input: call.text,
      voice: call.voice ?? 'alloy',
      speed: call.speed,
      response_format: 'mp3',
    }),
    signal: call.signal,
  });
  if (!response.ok) throw await failure(response);
  const audio = Buffer.from(await response.arrayBuffer());
  if (audio.length === 0) throw new SpeechProviderError('The answer held no audio.');
  const declared = (response.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  // The bytes say what they are better than a server's header (some ignore response_format).
  return { audio, mimeType: sniffAudio(audio)?.mimeType ?? formatOf[declared] ?? 'audio/mpeg' };
}

/** OpenAI's own voices, offered for api.openai.com (which has no voice list endpoint). */
export const openAiVoices = [
  'alloy',
  'ash',
  'ballad',
  'coral',
  'echo',
  'fable',
  'nova',
  'onyx',
  'sage',
  'shimmer',
];

/**
 * The voices a speak link's provider lists: Mistral's GET /audio/voices (presets and the
 * account's own), Kokoro-FastAPI's and Speaches' GET /audio/voices; OpenAI's known set for
 * api.openai.com; otherwise none (the admin's link voice is then the choice).
 */
export async function listVoices(link: SpeechLink, signal: AbortSignal): Promise<string[]> {
  const base = link.provider.endpoint?.baseURL ?? '';
  if (/^https:\/\/api\.openai\.com\//.test(base)) return openAiVoices;
  const response = await fetch(url(link, '/audio/voices'), { headers: headers(link), signal });
  if (!response.ok) return [];
  const body = (await response.json().catch(() => undefined)) as
    | { voices?: unknown; items?: unknown; data?: unknown }
    | undefined;
  const list = body?.items ?? body?.voices ?? body?.data;
  if (!Array.isArray(list)) return [];
  const names = list.flatMap((item: unknown) => {
    if (typeof item === 'string') return [item];
    if (item && typeof item === 'object') {
      const { slug, id, name, voice_id } = item as Record<string, unknown>;
      const value = slug ?? voice_id ?? id ?? name;
      return typeof value === 'string' ? [value] : [];
    }
    return [];
  });
  return [...new Set(names)].filter((name) => /^[^\p{Cc}\s]{1,100}$/u.test(name)).slice(0, 200);
}
