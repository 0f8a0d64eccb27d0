import type { SpeechCapabilities, TranscriptionResult } from '../../../../contracts/speech.ts';
import { translate } from '../../i18n/i18n.ts';
import { isApiError, requestResponse } from '../../lib/api-client.ts';
import { refreshSpeechCapabilities } from './server-capabilities.ts';

/**
 * The server's speech API as the web app uses it: an upload to transcribe, a sentence to synthesise, and
 * what each refusal means for the learner. Loaded on first use only (the conversation screen's first-load
 * budget has no room for it).
 */

export type TranscribeFields = {
  language: string;
  conversationId?: string | undefined;
  purpose?: 'message' | 'pronunciation';
};

function extensionOf(type: string): string {
  if (type.includes('ogg')) return 'ogg';
  if (type.includes('mp4') || type.includes('m4a') || type.includes('aac')) return 'm4a';
  if (type.includes('wav')) return 'wav';
  if (type.includes('mpeg')) return 'mp3';
  return 'webm';
}

export async function transcribe(audio: Blob, fields: TranscribeFields): Promise<TranscriptionResult> {
  const form = new FormData();
  form.append('language', fields.language);
  if (fields.conversationId) form.append('conversationId', fields.conversationId);
  form.append('purpose', fields.purpose ?? 'message');
  // The file part last: the server reads the fields before the audio arrives.
  form.append('file', audio, `speech.${extensionOf(audio.type)}`);
  try {
    const response = await requestResponse('POST', '/api/speech/transcriptions', { form });
    return (await response.json()) as TranscriptionResult;
  } catch (error) {
    forgetOnRefusal(error);
    throw error;
  }
}

export type SynthesisOptions = { language: string; voice: string | null; speed: number };

/** One sentence as audio; `signal` drops it when the learner stops before it plays. */
export async function synthesise(text: string, options: SynthesisOptions, signal?: AbortSignal) {
  const body: Record<string, unknown> = {
    text,
    language: options.language,
    speed: Math.min(2, Math.max(0.5, options.speed)),
  };
  if (options.voice) body.voice = options.voice;
  try {
    const response = await requestResponse('POST', '/api/speech/synthesis', {
      body,
      accept: 'audio/*',
      ...(signal ? { signal } : {}),
    });
    return await response.blob();
  } catch (error) {
    forgetOnRefusal(error);
    throw error;
  }
}

/** A refusal means the capabilities the screen holds are out of date (a cap reached, speech removed). */
function forgetOnRefusal(error: unknown) {
  if (isApiError(error) && (error.status === 402 || error.code === 'speech_not_set_up'))
    refreshSpeechCapabilities();
}

export type SpeechProblem = {
  message: string;
  /** An admin can set speech up: the screen links to the providers page. */
  setUp?: boolean;
};

/** Why the server could not do it, in the learner's (or the admin's) words. */
export function serverSpeechProblem(error: unknown, admin: boolean): SpeechProblem {
  if (!isApiError(error)) return { message: translate('speech.server.failed') };
  switch (error.code) {
    case 'speech_not_set_up':
      return notSetUp(admin);
    case 'audio_too_long':
    case 'audio_too_large':
      return { message: translate('speech.server.tooLong') };
    case 'audio_format':
    case 'audio_duration':
      return { message: translate('speech.server.unreadable') };
    case 'network_error':
      return { message: translate('speech.server.network') };
    default:
      // A budget refusal (402) says which cap and when it resets, in the same words as for replies.
      return { message: error.message };
  }
}

export function notSetUp(admin: boolean): SpeechProblem {
  return admin
    ? {
        message: translate('speech.server.notSetUpAdmin'),
        setUp: true,
      }
    : { message: translate('speech.server.notSetUp') };
}

/** What the capabilities say about a function that is not available. */
export function unavailableProblem(
  caps: SpeechCapabilities,
  fn: 'transcribe' | 'speak',
  admin: boolean,
): SpeechProblem {
  return caps[fn].reason === 'over_budget'
    ? { message: translate('speech.server.overBudget') }
    : notSetUp(admin);
}
