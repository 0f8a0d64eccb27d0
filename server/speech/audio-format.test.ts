import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inspectAudio, measureAudio, opusPacketSamples, sniffAudio } from './audio-format.ts';
import { makeM4a, makeMp3, makeOggOpus, makeWav, makeWebmOpus } from './audio-samples.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../../tests/fixtures/audio/${name}`, import.meta.url));

describe('sniffAudio', () => {
  it('recognises each accepted format by its content', () => {
    expect(sniffAudio(makeWav(0.5))?.format).toBe('wav');
    expect(sniffAudio(makeOggOpus(0.5))?.format).toBe('ogg');
    expect(sniffAudio(makeWebmOpus(0.5))?.format).toBe('webm');
    expect(sniffAudio(makeMp3(0.5))?.format).toBe('mp3');
    expect(sniffAudio(makeM4a(0.5))?.format).toBe('m4a');
    expect(
      sniffAudio(Buffer.concat([Buffer.from('ID3\x04\x00\x00\x00\x00\x00\x00', 'latin1'), makeMp3(0.5)]))
        ?.mimeType,
    ).toBe('audio/mpeg');
  });

  it('refuses everything else, whatever its name would say', () => {
    expect(sniffAudio(Buffer.from('%PDF-1.7 not audio at all'))).toBeUndefined();
    expect(sniffAudio(Buffer.from('<html><body>hello</body></html>'))).toBeUndefined();
    expect(sniffAudio(Buffer.alloc(4))).toBeUndefined();
    // One MPEG sync word followed by garbage is chance, not an MP3.
    expect(
      sniffAudio(Buffer.concat([Buffer.from([0xff, 0xfb, 0x18, 0xc0]), Buffer.alloc(20, 7)])),
    ).toBeUndefined();
  });
});

describe('measureAudio', () => {
  it.each([
    ['wav', makeWav(2.5), 2500],
    ['ogg', makeOggOpus(3), 3000],
    ['webm', makeWebmOpus(4), 4000],
    ['m4a', makeM4a(5), 5000],
  ] as const)('reads the length of a %s file', (format, bytes, expected) => {
    expect(measureAudio(bytes, format)).toBeGreaterThanOrEqual(expected - 30);
    expect(measureAudio(bytes, format)).toBeLessThanOrEqual(expected + 30);
  });

  it('counts MP3 frames (36 ms each at 32 kHz)', () => {
    const bytes = makeMp3(3);
    const frames = bytes.length / 144;
    expect(measureAudio(bytes, 'mp3')).toBe(Math.ceil(frames * 36));
  });

  it('measures a WebM without a Duration and with unknown-size clusters, as MediaRecorder writes it', () => {
    const bytes = makeWebmOpus(61);
    expect(bytes.includes(Buffer.from([0x44, 0x89]))).toBe(false);
    expect(measureAudio(bytes, 'webm')).toBe(61_000);
  });

  it('measures a real recording made by Chromium’s MediaRecorder', () => {
    // tests/fixtures/audio/README.md says how it was made: 3 s of a tone, audio/webm;codecs=opus.
    const bytes = fixture('chromium-mediarecorder.webm');
    const measured = inspectAudio(bytes);
    expect(measured.info?.format).toBe('webm');
    if (!measured.info) return;
    expect(measured.durationMs).toBeGreaterThan(2_500);
    expect(measured.durationMs).toBeLessThan(3_600);
  });

  it('cannot be talked down by a header that understates the length', () => {
    // mdhd/mvhd claim 1 s; the sample table holds 6 s.
    expect(measureAudio(makeM4a(6, 1), 'm4a')).toBeGreaterThanOrEqual(5_990);
    // A WAV whose byte-rate field claims ten times the real rate still plays for its samples' time.
    const wav = makeWav(2);
    wav.writeUInt32LE(320_000, 28);
    expect(measureAudio(wav, 'wav')).toBe(2000);
    // Ogg pages whose granule positions were zeroed: the packets still count.
    const ogg = makeOggOpus(2);
    for (let at = ogg.indexOf('OggS', 0, 'latin1'); at !== -1; at = ogg.indexOf('OggS', at + 4, 'latin1'))
      ogg.writeBigInt64LE(0n, at + 6);
    // 100 packets of 960 samples less the 312-sample pre-skip, at 48 kHz.
    expect(measureAudio(ogg, 'ogg')).toBe(Math.ceil(((100 * 960 - 312) / 48_000) * 1000));
  });

  it('refuses what it cannot measure', () => {
    // A WebM header with no audio blocks at all.
    const webm = makeWebmOpus(1);
    const headerOnly = webm.subarray(0, webm.indexOf(Buffer.from('1f43b675', 'hex')));
    expect(measureAudio(headerOnly, 'webm')).toBeUndefined();
    // A WAV cut before its data chunk, an Ogg stream of an unknown codec, an M4A without a sound track.
    expect(measureAudio(makeWav(1).subarray(0, 30), 'wav')).toBeUndefined();
    const ogg = makeOggOpus(1);
    ogg.write('NotOpus!', 28, 'latin1');
    expect(measureAudio(ogg, 'ogg')).toBeUndefined();
    const m4a = makeM4a(1);
    m4a.write('vide', m4a.indexOf('soun', 0, 'latin1'), 'latin1');
    expect(measureAudio(m4a, 'm4a')).toBeUndefined();
    // Truncated anywhere, it is refused or measured, never thrown.
    for (const bytes of [makeWebmOpus(1), makeOggOpus(1), makeM4a(1), makeMp3(1), makeWav(1)]) {
      const format = sniffAudio(bytes)?.format;
      if (!format) throw new Error('sample not recognised');
      for (let cut = 1; cut < bytes.length; cut += 7)
        expect(() => measureAudio(bytes.subarray(0, cut), format)).not.toThrow();
    }
  });
});

describe('opusPacketSamples', () => {
  it('reads the frame size and count from the TOC byte', () => {
    expect(opusPacketSamples(Buffer.from([0xf8]))).toBe(960); // CELT FB 20 ms, one frame
    expect(opusPacketSamples(Buffer.from([0xf9]))).toBe(1920); // two frames
    expect(opusPacketSamples(Buffer.from([0x0b, 0x03]))).toBe(2880); // SILK 20 ms, three frames
    expect(opusPacketSamples(Buffer.from([0x1b, 0x03]))).toBe(0); // 60 ms × 3: longer than a packet may be
  });
});
