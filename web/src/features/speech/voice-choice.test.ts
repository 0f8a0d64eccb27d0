import { describe, expect, it } from 'vitest';
import { chooseVoice, type VoiceInfo, voiceSpeaks, voicesFor } from './voice-choice.ts';

function voice(name: string, lang: string, extra: Partial<VoiceInfo> = {}): VoiceInfo {
  return { name, lang, default: false, localService: true, ...extra };
}

const voices = [
  voice('Samantha', 'en-US', { default: true }),
  voice('Google español', 'es-ES', { localService: false }),
  voice('Paulina', 'es-MX'),
  voice('Mónica', 'es_ES'),
  voice('Thomas', 'fr-FR'),
  voice('Nora', 'nb-NO'),
  voice('Ting-Ting', 'zh-CN'),
  voice('Sin-ji', 'zh-HK'),
  voice('Carmit', 'iw-IL'),
];

describe('choosing a voice', () => {
  it('matches the primary language subtag, whatever the separator or case, and its aliases', () => {
    expect(voicesFor(voices, 'es').map((v) => v.name)).toEqual(['Paulina', 'Mónica', 'Google español']);
    expect(voicesFor(voices, 'no').map((v) => v.name)).toEqual(['Nora']);
    expect(voicesFor(voices, 'he').map((v) => v.name)).toEqual(['Carmit']);
    // Cantonese is not the catalogue's Chinese (Mandarin).
    expect(voicesFor(voices, 'zh').map((v) => v.name)).toEqual(['Ting-Ting']);
    expect(voiceSpeaks({ lang: 'ES-mx' }, 'es')).toBe(true);
    expect(voiceSpeaks({ lang: 'en-US' }, 'es')).toBe(false);
    expect(voiceSpeaks({ lang: 'eo' }, 'es')).toBe(false);
  });

  it('prefers the learner’s voice when this browser has it, else the best match', () => {
    expect(chooseVoice(voices, 'es', { preferredName: 'Google español' })?.name).toBe('Google español');
    // Not on this device, or not a voice of this language: the best match instead.
    expect(chooseVoice(voices, 'es', { preferredName: 'Jorge' })?.name).toBe('Paulina');
    expect(chooseVoice(voices, 'es', { preferredName: 'Thomas' })?.name).toBe('Paulina');
    // The browser's own language tags pick the variety; then the default voice, then a local one.
    expect(chooseVoice(voices, 'es', { preferredTags: ['es-ES', 'en'] })?.name).toBe('Mónica');
    expect(chooseVoice(voices, 'en')?.name).toBe('Samantha');
    expect(
      chooseVoice([voice('Remote', 'de-DE', { localService: false }), voice('Anna', 'de-DE')], 'de')?.name,
    ).toBe('Anna');
  });

  it('finds no voice rather than one of another language', () => {
    expect(chooseVoice(voices, 'ja')).toBeNull();
    expect(chooseVoice([], 'es')).toBeNull();
  });
});
