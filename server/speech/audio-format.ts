import type { AudioFormat } from '../../contracts/speech.ts';

/*
 * What an uploaded recording is and how long it plays, read from its bytes alone: the format from
 * its magic numbers (never the declared type or file name), the duration from the container and
 * its packets (never a number the client sends). Transcription is priced per minute of audio, so
 * the duration must hold even for a file made to understate it: where a container offers more than
 * one measure (WebM block timestamps and the Opus packets themselves; Ogg granule positions and the
 * packets; MP4 mdhd and its sample tables), the longest wins — a crafted header can only make a
 * recording dearer, never cheaper. Audio whose length cannot be read this way is refused.
 *
 * Pure functions over a Buffer: no I/O, no dependencies, bounded loops (every step advances).
 */

export type AudioInfo = {
  format: AudioFormat;
  /** The MIME type the audio is stored and forwarded under. */
  mimeType: string;
  /** What the file should be called when forwarded to a provider (some pick the decoder by it). */
  extension: string;
};

export type MeasuredAudio = AudioInfo & { durationMs: number };

const mimeTypes: Record<AudioFormat, string> = {
  webm: 'audio/webm',
  ogg: 'audio/ogg',
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
};

const info = (format: AudioFormat): AudioInfo => ({ format, mimeType: mimeTypes[format], extension: format });

/** The format of the bytes, or undefined when they are none of the accepted ones. */
export function sniffAudio(bytes: Buffer): AudioInfo | undefined {
  if (bytes.length < 12) return undefined;
  if (bytes.readUInt32BE(0) === 0x1a45dfa3) return info('webm');
  if (bytes.toString('latin1', 0, 4) === 'OggS') return info('ogg');
  if (bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WAVE')
    return info('wav');
  if (bytes.toString('latin1', 4, 8) === 'ftyp') return info('m4a');
  if (bytes.toString('latin1', 0, 3) === 'ID3') return info('mp3');
  const first = mp3FrameAt(bytes, 0);
  // A lone sync word is two bytes of chance: a second frame right after the first confirms it.
  if (first && (first.length === bytes.length || mp3FrameAt(bytes, first.length))) return info('mp3');
  return undefined;
}

/** The duration in milliseconds, or undefined when the container does not say it in a way we can read. */
export function measureAudio(bytes: Buffer, format: AudioFormat): number | undefined {
  let seconds: number | undefined;
  try {
    switch (format) {
      case 'wav':
        seconds = wavSeconds(bytes);
        break;
      case 'ogg':
        seconds = oggSeconds(bytes);
        break;
      case 'webm':
        seconds = webmSeconds(bytes);
        break;
      case 'mp3':
        seconds = mp3Seconds(bytes);
        break;
      case 'm4a':
        seconds = mp4Seconds(bytes);
        break;
    }
  } catch (error) {
    // A truncated or malformed structure reads past the end: unmeasurable, not a server error.
    if (error instanceof RangeError) return undefined;
    throw error;
  }
  if (seconds === undefined || !Number.isFinite(seconds) || seconds <= 0) return undefined;
  // Float noise (0.036 × 83 frames) must not add a millisecond.
  return Math.ceil(seconds * 1000 - 1e-6);
}

/** Format and duration together; undefined format or duration tell the caller which refusal applies. */
export function inspectAudio(
  bytes: Buffer,
): { info: undefined } | { info: AudioInfo; durationMs: number | undefined } {
  const found = sniffAudio(bytes);
  if (!found) return { info: undefined };
  return { info: found, durationMs: measureAudio(bytes, found.format) };
}

// --- WAV ----------------------------------------------------------------------------------------

/**
 * Data bytes over the bytes per second the format itself implies (rate × channels × sample size):
 * the header's own byte-rate field is not trusted. A streamed WAV's data size (0 or 0xFFFFFFFF)
 * is the bytes actually present.
 */
function wavSeconds(bytes: Buffer): number | undefined {
  let offset = 12;
  let bytesPerSecond: number | undefined;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('latin1', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      const formatTag = bytes.readUInt16LE(body);
      const channels = bytes.readUInt16LE(body + 2);
      const sampleRate = bytes.readUInt32LE(body + 4);
      const blockAlign = bytes.readUInt16LE(body + 12);
      const bits = bytes.readUInt16LE(body + 14);
      // PCM, IEEE float and the extensible header carry plain samples; compressed WAV is refused.
      if (![1, 3, 0xfffe].includes(formatTag) || channels === 0 || sampleRate === 0) return undefined;
      const frameBytes = Math.max(blockAlign, channels * Math.ceil(bits / 8));
      if (frameBytes === 0) return undefined;
      bytesPerSecond = sampleRate * frameBytes;
    } else if (id === 'data') {
      if (bytesPerSecond === undefined) return undefined;
      const present = bytes.length - body;
      const dataBytes = size === 0 || size === 0xffffffff || size > present ? present : size;
      return dataBytes / bytesPerSecond;
    }
    offset = body + size + (size % 2);
  }
  return undefined;
}

// --- Opus packets (Ogg and WebM) ----------------------------------------------------------------

/** Samples at 48 kHz one Opus packet decodes to, from its TOC byte (RFC 6716 §3.1). */
export function opusPacketSamples(packet: Buffer, start = 0, end = packet.length): number {
  if (end - start < 1) return 0;
  const toc = packet[start] as number;
  const config = toc >> 3;
  let frameSamples: number;
  if (config < 12) frameSamples = [480, 960, 1920, 2880][config % 4] as number;
  else if (config < 16) frameSamples = config % 2 === 0 ? 480 : 960;
  else frameSamples = [120, 240, 480, 960][config % 4] as number;
  const code = toc & 3;
  let frames: number;
  if (code === 0) frames = 1;
  else if (code === 3) {
    if (end - start < 2) return 0;
    frames = (packet[start + 1] as number) & 0x3f;
  } else frames = 2;
  // A packet holds at most 120 ms (RFC 6716 §3.2.5); more is malformed and counts for nothing.
  const samples = frames * frameSamples;
  return samples > 5760 ? 0 : samples;
}

// --- Ogg ----------------------------------------------------------------------------------------

type OggStream = {
  codec: 'opus' | 'vorbis' | 'other';
  rate: number;
  preSkip: number;
  lastGranule: bigint;
  packetSamples: number;
  packets: number;
  /** The packet being assembled across pages. */
  pending: Buffer[];
};

/**
 * Walks the pages: the last granule position of the stream (Opus minus its pre-skip, at 48 kHz;
 * Vorbis at its own rate) and, for Opus, the samples its packets decode to; the longer counts.
 */
function oggSeconds(bytes: Buffer): number | undefined {
  const streams = new Map<number, OggStream>();
  let offset = 0;
  while (offset + 27 <= bytes.length) {
    if (bytes.toString('latin1', offset, offset + 4) !== 'OggS') {
      // Resynchronise on the next capture pattern (a damaged page).
      const next = bytes.indexOf('OggS', offset + 1, 'latin1');
      if (next === -1) break;
      offset = next;
      continue;
    }
    const granule = bytes.readBigInt64LE(offset + 6);
    const serial = bytes.readUInt32LE(offset + 14);
    const segments = bytes[offset + 26] as number;
    const table = offset + 27;
    let body = table + segments;
    if (body > bytes.length) break;
    let stream = streams.get(serial);
    for (let index = 0; index < segments; index++) {
      const lace = bytes[table + index] as number;
      const end = Math.min(body + lace, bytes.length);
      const piece = bytes.subarray(body, end);
      body = end;
      if (!stream) {
        stream = {
          codec: 'other',
          rate: 0,
          preSkip: 0,
          lastGranule: -1n,
          packetSamples: 0,
          packets: 0,
          pending: [],
        };
        streams.set(serial, stream);
      }
      stream.pending.push(piece);
      if (lace < 255) {
        oggPacket(stream, Buffer.concat(stream.pending));
        stream.pending = [];
      }
    }
    if (stream && granule >= 0n) stream.lastGranule = granule;
    offset = body;
  }
  let longest: number | undefined;
  for (const stream of streams.values()) {
    if (stream.codec === 'other' || stream.rate === 0) continue;
    const fromGranule =
      stream.lastGranule > 0n ? Number(stream.lastGranule - BigInt(stream.preSkip)) / stream.rate : 0;
    const fromPackets =
      stream.codec === 'opus' ? Math.max(0, stream.packetSamples - stream.preSkip) / stream.rate : 0;
    const seconds = Math.max(fromGranule, fromPackets);
    if (longest === undefined || seconds > longest) longest = seconds;
  }
  return longest;
}

function oggPacket(stream: OggStream, packet: Buffer) {
  stream.packets += 1;
  if (stream.packets === 1) {
    if (packet.length >= 19 && packet.toString('latin1', 0, 8) === 'OpusHead') {
      stream.codec = 'opus';
      stream.rate = 48_000;
      stream.preSkip = packet.readUInt16LE(10);
    } else if (packet.length >= 16 && packet[0] === 1 && packet.toString('latin1', 1, 7) === 'vorbis') {
      stream.codec = 'vorbis';
      stream.rate = packet.readUInt32LE(12);
    }
    return;
  }
  // Opus: packet 2 is OpusTags; every later one is audio.
  if (stream.codec === 'opus' && stream.packets > 2) stream.packetSamples += opusPacketSamples(packet);
}

// --- WebM / Matroska ----------------------------------------------------------------------------

const ebml = {
  segment: 0x18538067,
  info: 0x1549a966,
  timecodeScale: 0x2ad7b1,
  duration: 0x4489,
  tracks: 0x1654ae6b,
  trackEntry: 0xae,
  trackNumber: 0xd7,
  trackType: 0x83,
  codecId: 0x86,
  codecDelay: 0x56aa,
  cluster: 0x1f43b675,
  timecode: 0xe7,
  simpleBlock: 0xa3,
  blockGroup: 0xa0,
  block: 0xa1,
  blockDuration: 0x9b,
};

/** Masters we walk into; every other element is skipped by its size. */
const webmMasters = new Set([
  ebml.segment,
  ebml.info,
  ebml.tracks,
  ebml.trackEntry,
  ebml.cluster,
  ebml.blockGroup,
]);

/** A variable-length integer: the ID keeps its marker bit, a size drops it (all ones = unknown). */
function readVint(
  bytes: Buffer,
  offset: number,
  keepMarker: boolean,
): { value: number; length: number; unknown: boolean } {
  const first = bytes[offset];
  if (first === undefined) throw new RangeError('end of data');
  let length = 1;
  while (length <= 8 && !(first & (0x80 >> (length - 1)))) length++;
  if (length > 8 || offset + length > bytes.length) throw new RangeError('bad vint');
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let index = 1; index < length; index++) {
    const byte = bytes[offset + index] as number;
    value = value * 256 + byte;
    if (byte !== 0xff) allOnes = false;
  }
  return { value, length, unknown: !keepMarker && allOnes };
}

function readUnsigned(bytes: Buffer, start: number, size: number): number {
  let value = 0;
  for (let index = 0; index < size; index++) value = value * 256 + (bytes[start + index] as number);
  return value;
}

type WebmTrack = { number: number; audio: boolean; codec: string };

/**
 * The end of the last audio block on the timeline (cluster timecode + block timecode + the block's
 * own length), the Opus samples the blocks hold, and Info's Duration when a muxer wrote one: the
 * longest counts. Chromium's MediaRecorder writes no Duration and leaves Segment and Cluster sizes
 * unknown, so the walk does not rely on either.
 */
function webmSeconds(bytes: Buffer): number | undefined {
  let timecodeScale = 1_000_000;
  let declaredDuration = 0;
  let clusterTimecode = 0;
  const tracks: WebmTrack[] = [];
  let current: WebmTrack | undefined;
  let endNs = 0;
  let opusSamples = 0;
  let blocks = 0;
  let lastStartNs: number | undefined;
  let gapNs = 0;
  // A BlockGroup's Block and its BlockDuration come as siblings: keep the block until the group ends.
  let groupEnd = -1;
  let groupBlock: { startNs: number; frameNs: number } | undefined;
  let groupDuration: number | undefined;
  const flushGroup = () => {
    if (groupBlock) {
      const durationNs = groupDuration !== undefined ? groupDuration * timecodeScale : groupBlock.frameNs;
      endNs = Math.max(endNs, groupBlock.startNs + durationNs);
    }
    groupBlock = undefined;
    groupDuration = undefined;
    groupEnd = -1;
  };

  const audioTrack = (number: number) => tracks.find((track) => track.number === number && track.audio);

  /** One block: its start on the timeline and how long its frames play (Opus: from the packets). */
  const readBlock = (start: number, end: number): { startNs: number; frameNs: number } | undefined => {
    const track = readVint(bytes, start, false);
    const audio = audioTrack(track.value);
    if (!audio) return undefined;
    let cursor = start + track.length;
    const relative = bytes.readInt16BE(cursor);
    const flags = bytes[cursor + 2] as number;
    cursor += 3;
    const startNs = (clusterTimecode + relative) * timecodeScale;
    blocks += 1;
    let frameNs = 0;
    if (audio.codec === 'A_OPUS') {
      let samples = 0;
      for (const [frameStart, frameEnd] of laceFrames(bytes, cursor, end, (flags >> 1) & 3))
        samples += opusPacketSamples(bytes, frameStart, frameEnd);
      opusSamples += samples;
      frameNs = (samples / 48_000) * 1e9;
    }
    if (lastStartNs !== undefined && startNs > lastStartNs) gapNs = startNs - lastStartNs;
    lastStartNs = startNs;
    return { startNs, frameNs };
  };

  let offset = 0;
  while (offset < bytes.length) {
    if (groupEnd !== -1 && offset >= groupEnd) flushGroup();
    const id = readVint(bytes, offset, true);
    const size = readVint(bytes, offset + id.length, false);
    const body = offset + id.length + size.length;
    const end = size.unknown ? bytes.length : Math.min(body + size.value, bytes.length);
    if (webmMasters.has(id.value)) {
      if (id.value === ebml.trackEntry) {
        current = { number: 0, audio: false, codec: '' };
        tracks.push(current);
      }
      if (id.value === ebml.blockGroup) {
        flushGroup();
        groupEnd = end;
      }
      offset = body;
      continue;
    }
    switch (id.value) {
      case ebml.timecodeScale:
        timecodeScale = readUnsigned(bytes, body, end - body) || 1_000_000;
        break;
      case ebml.duration:
        declaredDuration =
          end - body === 4 ? bytes.readFloatBE(body) : end - body === 8 ? bytes.readDoubleBE(body) : 0;
        break;
      case ebml.trackNumber:
        if (current) current.number = readUnsigned(bytes, body, end - body);
        break;
      case ebml.trackType:
        if (current) current.audio = readUnsigned(bytes, body, end - body) === 2;
        break;
      case ebml.codecId:
        if (current) current.codec = bytes.toString('latin1', body, end).replace(/\0+$/, '');
        break;
      case ebml.timecode:
        clusterTimecode = readUnsigned(bytes, body, end - body);
        break;
      case ebml.simpleBlock: {
        const block = readBlock(body, end);
        if (block) endNs = Math.max(endNs, block.startNs + block.frameNs);
        break;
      }
      case ebml.block:
        if (groupEnd !== -1) groupBlock = readBlock(body, end);
        break;
      case ebml.blockDuration:
        if (groupEnd !== -1) groupDuration = readUnsigned(bytes, body, end - body);
        break;
    }
    if (end <= offset) break;
    offset = end;
  }
  flushGroup();
  if (blocks === 0 && declaredDuration <= 0) return undefined;
  // A codec whose packets we do not read (Vorbis): its last block lasts as long as the gap before it.
  const lastFrameNs = opusSamples > 0 ? 0 : gapNs;
  const fromTimeline = (endNs + lastFrameNs) / 1e9;
  const fromPackets = opusSamples / 48_000;
  const fromHeader = (declaredDuration * timecodeScale) / 1e9;
  return Math.max(fromTimeline, fromPackets, fromHeader);
}

/** The frames of a Matroska block's payload as [start, end) pairs, by its lacing (none, Xiph, fixed, EBML). */
function laceFrames(bytes: Buffer, start: number, end: number, lacing: number): Array<[number, number]> {
  if (lacing === 0) return [[start, end]];
  const count = (bytes[start] as number) + 1;
  let cursor = start + 1;
  const sizes: number[] = [];
  if (lacing === 1) {
    for (let index = 0; index < count - 1; index++) {
      let size = 0;
      let byte: number;
      do {
        byte = bytes[cursor++] as number;
        if (byte === undefined) throw new RangeError('end of lacing');
        size += byte;
      } while (byte === 255);
      sizes.push(size);
    }
  } else if (lacing === 3) {
    const first = readVint(bytes, cursor, false);
    cursor += first.length;
    sizes.push(first.value);
    for (let index = 1; index < count - 1; index++) {
      const raw = readVint(bytes, cursor, false);
      cursor += raw.length;
      // A signed difference: the raw value minus half its range.
      const bias = 2 ** (7 * raw.length - 1) - 1;
      sizes.push((sizes[index - 1] as number) + raw.value - bias);
    }
  } else {
    const each = Math.floor((end - cursor) / count);
    for (let index = 0; index < count - 1; index++) sizes.push(each);
  }
  const frames: Array<[number, number]> = [];
  for (const size of sizes) {
    if (size < 0 || cursor + size > end) throw new RangeError('bad lacing');
    frames.push([cursor, cursor + size]);
    cursor += size;
  }
  frames.push([cursor, end]);
  return frames;
}

// --- MP3 ----------------------------------------------------------------------------------------

const mp3Bitrates = {
  // kbit/s by [version 1 | 2 (and 2.5)][layer 1..3][index]
  v1: [
    [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
    [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
    [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  ],
  v2: [
    [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
    [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
    [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  ],
};
const mp3Rates = { 3: [44_100, 48_000, 32_000], 2: [22_050, 24_000, 16_000], 0: [11_025, 12_000, 8_000] };

/** An MPEG audio frame header at `offset`: its length in bytes, samples and rate; undefined if none. */
export function mp3FrameAt(
  bytes: Buffer,
  offset: number,
): { length: number; samples: number; rate: number } | undefined {
  if (offset + 4 > bytes.length) return undefined;
  const header = bytes.readUInt32BE(offset);
  if ((header & 0xffe00000) >>> 0 !== 0xffe00000) return undefined;
  const version = (header >> 19) & 3; // 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5, 1: reserved
  const layerBits = (header >> 17) & 3; // 3: layer I, 2: II, 1: III, 0: reserved
  const bitrateIndex = (header >> 12) & 15;
  const rateIndex = (header >> 10) & 3;
  const padding = (header >> 9) & 1;
  if (version === 1 || layerBits === 0 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3)
    return undefined;
  const layer = 4 - layerBits; // 1, 2 or 3
  const kbps = (version === 3 ? mp3Bitrates.v1 : mp3Bitrates.v2)[layer - 1]?.[bitrateIndex] as number;
  const rate = mp3Rates[version as 0 | 2 | 3][rateIndex] as number;
  const bitrate = kbps * 1000;
  let length: number;
  let samples: number;
  if (layer === 1) {
    length = (Math.floor((12 * bitrate) / rate) + padding) * 4;
    samples = 384;
  } else if (layer === 2 || version === 3) {
    length = Math.floor((144 * bitrate) / rate) + padding;
    samples = 1152;
  } else {
    length = Math.floor((72 * bitrate) / rate) + padding;
    samples = 576;
  }
  return length >= 4 ? { length, samples, rate } : undefined;
}

/** Counts the frames one after another (after any ID3v2 tag): what a decoder plays. */
function mp3Seconds(bytes: Buffer): number | undefined {
  let offset = 0;
  while (bytes.toString('latin1', offset, offset + 3) === 'ID3' && offset + 10 <= bytes.length) {
    const size =
      ((bytes[offset + 6] as number) << 21) |
      ((bytes[offset + 7] as number) << 14) |
      ((bytes[offset + 8] as number) << 7) |
      (bytes[offset + 9] as number);
    const footer = ((bytes[offset + 5] as number) & 0x10) !== 0 ? 10 : 0;
    offset += 10 + size + footer;
  }
  // Some encoders leave a few bytes of padding before the first frame.
  const searchEnd = Math.min(bytes.length, offset + 4096);
  while (offset < searchEnd && !mp3FrameAt(bytes, offset)) offset++;
  let seconds = 0;
  let frames = 0;
  while (offset < bytes.length) {
    const frame = mp3FrameAt(bytes, offset);
    if (!frame) break;
    seconds += frame.samples / frame.rate;
    frames++;
    offset += frame.length;
  }
  return frames > 0 ? seconds : undefined;
}

// --- MP4 / M4A ----------------------------------------------------------------------------------

type Box = { type: string; start: number; end: number };

function* boxes(bytes: Buffer, start: number, end: number): Generator<Box> {
  let offset = start;
  while (offset + 8 <= end) {
    let size = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    let header = 8;
    if (size === 1) {
      size = Number(bytes.readBigUInt64BE(offset + 8));
      header = 16;
    } else if (size === 0) size = end - offset;
    if (size < header) return;
    const boxEnd = Math.min(offset + size, end);
    yield { type, start: offset + header, end: boxEnd };
    offset = boxEnd;
  }
}

const child = (bytes: Buffer, box: Box, type: string) =>
  [...boxes(bytes, box.start, box.end)].find((inner) => inner.type === type);

/** mvhd / mdhd: (timescale, duration) for version 0 and 1. */
function headerTime(bytes: Buffer, box: Box): { timescale: number; duration: number } {
  const version = bytes[box.start] as number;
  if (version === 1)
    return {
      timescale: bytes.readUInt32BE(box.start + 20),
      duration: Number(bytes.readBigUInt64BE(box.start + 24)),
    };
  return { timescale: bytes.readUInt32BE(box.start + 12), duration: bytes.readUInt32BE(box.start + 16) };
}

/**
 * The sound track's timeline: the sum of its sample durations (stts; for fragmented files, as
 * MediaRecorder writes them, every fragment's trun) over its mdhd timescale, or mdhd's or mvhd's
 * duration when longer. A file without a sound track is not measured.
 */
function mp4Seconds(bytes: Buffer): number | undefined {
  let longest = 0;
  let movie = 0;
  const soundTracks = new Map<number, { timescale: number }>();
  const defaults = new Map<number, number>();
  let fragmentTicks = new Map<number, number>();
  for (const top of boxes(bytes, 0, bytes.length)) {
    if (top.type === 'moov') {
      for (const box of boxes(bytes, top.start, top.end)) {
        if (box.type === 'mvhd') {
          const time = headerTime(bytes, box);
          if (time.timescale > 0) movie = time.duration / time.timescale;
        } else if (box.type === 'trak') {
          const tkhd = child(bytes, box, 'tkhd');
          const mdia = child(bytes, box, 'mdia');
          if (!tkhd || !mdia) continue;
          const trackId = bytes.readUInt32BE(tkhd.start + ((bytes[tkhd.start] as number) === 1 ? 20 : 12));
          const hdlr = child(bytes, mdia, 'hdlr');
          const mdhd = child(bytes, mdia, 'mdhd');
          if (!hdlr || !mdhd || bytes.toString('latin1', hdlr.start + 8, hdlr.start + 12) !== 'soun')
            continue;
          const time = headerTime(bytes, mdhd);
          if (time.timescale === 0) continue;
          soundTracks.set(trackId, { timescale: time.timescale });
          let ticks = 0;
          const stbl = (() => {
            const minf = child(bytes, mdia, 'minf');
            return minf && child(bytes, minf, 'stbl');
          })();
          const stts = stbl && child(bytes, stbl, 'stts');
          if (stts) {
            const count = bytes.readUInt32BE(stts.start + 4);
            for (let index = 0; index < count; index++) {
              const entry = stts.start + 8 + index * 8;
              if (entry + 8 > stts.end) break;
              ticks += bytes.readUInt32BE(entry) * bytes.readUInt32BE(entry + 4);
            }
          }
          longest = Math.max(longest, ticks / time.timescale, time.duration / time.timescale);
        } else if (box.type === 'mvex') {
          for (const trex of boxes(bytes, box.start, box.end))
            if (trex.type === 'trex')
              defaults.set(bytes.readUInt32BE(trex.start + 4), bytes.readUInt32BE(trex.start + 12));
        }
      }
    } else if (top.type === 'moof') {
      fragmentTicks = addFragment(bytes, top, defaults, fragmentTicks);
    }
  }
  for (const [trackId, ticks] of fragmentTicks) {
    const track = soundTracks.get(trackId);
    if (track) longest = Math.max(longest, ticks / track.timescale);
  }
  // Without a sound track there is nothing to transcribe, whatever mvhd says.
  if (soundTracks.size === 0) return undefined;
  return Math.max(longest, movie) || undefined;
}

/** Adds one movie fragment's sample durations per track (tfhd defaults, trun entries). */
function addFragment(
  bytes: Buffer,
  moof: Box,
  defaults: Map<number, number>,
  ticks: Map<number, number>,
): Map<number, number> {
  for (const traf of boxes(bytes, moof.start, moof.end)) {
    if (traf.type !== 'traf') continue;
    let trackId = 0;
    let defaultDuration = 0;
    for (const box of boxes(bytes, traf.start, traf.end)) {
      const flags = bytes.readUInt32BE(box.start) & 0xffffff;
      if (box.type === 'tfhd') {
        trackId = bytes.readUInt32BE(box.start + 4);
        defaultDuration = defaults.get(trackId) ?? 0;
        let cursor = box.start + 8;
        if (flags & 0x01) cursor += 8;
        if (flags & 0x02) cursor += 4;
        if (flags & 0x08) defaultDuration = bytes.readUInt32BE(cursor);
      } else if (box.type === 'trun') {
        const count = bytes.readUInt32BE(box.start + 4);
        let cursor = box.start + 8;
        if (flags & 0x01) cursor += 4;
        if (flags & 0x04) cursor += 4;
        const fields = [0x100, 0x200, 0x400, 0x800].filter((bit) => flags & bit).length;
        let sum = 0;
        for (let index = 0; index < count; index++) {
          if (cursor + fields * 4 > box.end) throw new RangeError('truncated trun');
          sum += flags & 0x100 ? bytes.readUInt32BE(cursor) : defaultDuration;
          cursor += fields * 4;
        }
        ticks.set(trackId, (ticks.get(trackId) ?? 0) + sum);
      }
    }
  }
  return ticks;
}
