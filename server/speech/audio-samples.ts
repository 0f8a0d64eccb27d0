/*
 * Small but structurally valid audio files built in code, for tests, the fake provider and the
 * benchmark: WAV (real PCM: a tone), Ogg Opus and WebM Opus (real container framing around Opus
 * packets of silence-sized frames), MP3 (valid MPEG-1 layer III frame headers) and M4A (an MP4
 * with a sound track's sample table). Each plays for the duration asked, which is what the
 * duration measurement reads; none of them is meant to sound like speech.
 */

/** A 16-bit mono PCM WAV of a quiet sine tone. */
export function makeWav(seconds: number, sampleRate = 16_000): Buffer {
  const samples = Math.round(seconds * sampleRate);
  const data = Buffer.alloc(samples * 2);
  for (let index = 0; index < samples; index++)
    data.writeInt16LE(Math.round(Math.sin((index / sampleRate) * 2 * Math.PI * 440) * 3000), index * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'latin1');
  header.write('fmt ', 12, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** One 20 ms CELT fullband Opus packet (config 31, one frame) holding silence. */
const opusPacket = () => Buffer.from([0xf8, 0xff, 0xfe]);
const framesFor = (seconds: number) => Math.max(1, Math.round(seconds / 0.02));

// --- Ogg ----------------------------------------------------------------------------------------

const crcTable = (() => {
  const table = new Uint32Array(256);
  for (let index = 0; index < 256; index++) {
    let value = index << 24;
    for (let bit = 0; bit < 8; bit++) value = value & 0x80000000 ? (value << 1) ^ 0x04c11db7 : value << 1;
    table[index] = value >>> 0;
  }
  return table;
})();

function oggCrc(page: Buffer): number {
  let crc = 0;
  for (const byte of page) crc = ((crc << 8) ^ (crcTable[((crc >>> 24) ^ byte) & 0xff] as number)) >>> 0;
  return crc;
}

function oggPage(packets: Buffer[], granule: bigint, sequence: number, flags: number): Buffer {
  const lacing: number[] = [];
  for (const packet of packets) {
    let left = packet.length;
    while (left >= 255) {
      lacing.push(255);
      left -= 255;
    }
    lacing.push(left);
  }
  const header = Buffer.alloc(27 + lacing.length);
  header.write('OggS', 0, 'latin1');
  header[5] = flags;
  header.writeBigInt64LE(granule, 6);
  header.writeUInt32LE(0x43484c41, 14);
  header.writeUInt32LE(sequence, 18);
  header[26] = lacing.length;
  lacing.forEach((value, index) => {
    header[27 + index] = value;
  });
  const page = Buffer.concat([header, ...packets]);
  page.writeUInt32LE(oggCrc(page), 22);
  return page;
}

/** Ogg Opus: OpusHead (pre-skip 312), OpusTags, then pages of 50 packets with their granule positions. */
export function makeOggOpus(seconds: number): Buffer {
  const preSkip = 312;
  const head = Buffer.alloc(19);
  head.write('OpusHead', 0, 'latin1');
  head[8] = 1;
  head[9] = 1;
  head.writeUInt16LE(preSkip, 10);
  head.writeUInt32LE(48_000, 12);
  const tags = Buffer.concat([
    Buffer.from('OpusTags', 'latin1'),
    Buffer.from([5, 0, 0, 0]),
    Buffer.from('charl'),
    Buffer.alloc(4),
  ]);
  const pages = [oggPage([head], 0n, 0, 2), oggPage([tags], 0n, 1, 0)];
  const total = framesFor(seconds);
  let granule = BigInt(preSkip);
  for (let sent = 0, sequence = 2; sent < total; sequence++) {
    const count = Math.min(50, total - sent);
    sent += count;
    granule += BigInt(count * 960);
    const last = sent === total;
    pages.push(oggPage(Array.from({ length: count }, opusPacket), granule, sequence, last ? 4 : 0));
  }
  return Buffer.concat(pages);
}

// --- WebM ---------------------------------------------------------------------------------------

function vintSize(size: number | 'unknown'): Buffer {
  if (size === 'unknown') return Buffer.from([0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
  if (size < 0x7f) return Buffer.from([0x80 | size]);
  if (size < 0x3fff) return Buffer.from([0x40 | (size >> 8), size & 0xff]);
  const out = Buffer.alloc(4);
  out.writeUInt32BE((0x10000000 | size) >>> 0);
  return out;
}

function element(id: number, body: Buffer | number | string, size?: 'unknown'): Buffer {
  const idBytes = Buffer.from(
    id.toString(16).padStart(id > 0xffffff ? 8 : id > 0xffff ? 6 : id > 0xff ? 4 : 2, '0'),
    'hex',
  );
  let content: Buffer;
  if (typeof body === 'number') {
    const hex = body.toString(16);
    content = Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
  } else if (typeof body === 'string') content = Buffer.from(body, 'latin1');
  else content = body;
  return Buffer.concat([idBytes, vintSize(size ?? content.length), content]);
}

/**
 * WebM Opus as Chromium's MediaRecorder writes it: no Duration, Segment and Clusters of unknown
 * size, one SimpleBlock per 20 ms packet, a new cluster every second.
 */
export function makeWebmOpus(seconds: number): Buffer {
  const header = element(
    0x1a45dfa3,
    Buffer.concat([element(0x4282, 'webm'), element(0x4287, 4), element(0x4285, 2)]),
  );
  const info = element(0x1549a966, Buffer.concat([element(0x2ad7b1, 1_000_000), element(0x4d80, 'Charla')]));
  const tracks = element(
    0x1654ae6b,
    element(
      0xae,
      Buffer.concat([element(0xd7, 1), element(0x73c5, 1), element(0x83, 2), element(0x86, 'A_OPUS')]),
    ),
  );
  const clusters: Buffer[] = [];
  const total = framesFor(seconds);
  for (let frame = 0; frame < total; frame += 50) {
    const timecode = frame * 20;
    const blocks: Buffer[] = [element(0xe7, timecode)];
    for (let index = frame; index < Math.min(total, frame + 50); index++) {
      const relative = (index - frame) * 20;
      const block = Buffer.concat([Buffer.from([0x81, relative >> 8, relative & 0xff, 0x80]), opusPacket()]);
      blocks.push(element(0xa3, block));
    }
    clusters.push(Buffer.concat([Buffer.from('1f43b675', 'hex'), vintSize('unknown'), ...blocks]));
  }
  return Buffer.concat([
    header,
    Buffer.from('18538067', 'hex'),
    vintSize('unknown'),
    info,
    tracks,
    ...clusters,
  ]);
}

// --- MP3 ----------------------------------------------------------------------------------------

/** MPEG-1 layer III, 32 kbit/s, 32 kHz mono: 144 bytes and 36 ms per frame. */
export function makeMp3(seconds: number): Buffer {
  const frames = Math.max(2, Math.round(seconds / (1152 / 32_000)));
  const frame = Buffer.alloc(144);
  // Sync, MPEG-1, layer III, no CRC; bitrate index 1 (32 kbit/s); 32 kHz; no padding; mono.
  frame.writeUInt32BE(0xfffb18c0);
  return Buffer.concat(Array.from({ length: frames }, () => frame));
}

// --- M4A ----------------------------------------------------------------------------------------

function box(type: string, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(body.length + 8);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, body]);
}

const u32 = (...values: number[]) => {
  const out = Buffer.alloc(values.length * 4);
  values.forEach((value, index) => {
    out.writeUInt32BE(value >>> 0, index * 4);
  });
  return out;
};

/**
 * An M4A whose mvhd and mdhd state `declaredSeconds` (default: the real length) and whose sample
 * table holds AAC-sized frames (1024 samples at 44.1 kHz) for `seconds`; the samples' bytes are
 * zeros.
 */
export function makeM4a(seconds: number, declaredSeconds = seconds): Buffer {
  const rate = 44_100;
  const frames = Math.max(1, Math.round((seconds * rate) / 1024));
  const declared = Math.round(declaredSeconds * rate);
  const mvhd = box('mvhd', u32(0, 0, 0, rate, declared), Buffer.alloc(80));
  const tkhd = box('tkhd', u32(0, 0, 0, 1, 0, declared), Buffer.alloc(60));
  const mdhd = box('mdhd', u32(0, 0, 0, rate, declared), Buffer.alloc(4));
  const hdlr = box('hdlr', u32(0, 0), Buffer.from('soun', 'latin1'), Buffer.alloc(13));
  const stts = box('stts', u32(0, 1, frames, 1024));
  const stsz = box('stsz', u32(0, 8, frames));
  const stbl = box('stbl', stts, stsz);
  const minf = box('minf', stbl);
  const mdia = box('mdia', mdhd, hdlr, minf);
  const trak = box('trak', tkhd, mdia);
  const moov = box('moov', mvhd, trak);
  const ftyp = box('ftyp', Buffer.from('M4A ', 'latin1'), u32(0), Buffer.from('M4A isom', 'latin1'));
  const mdat = box('mdat', Buffer.alloc(frames * 8));
  return Buffer.concat([ftyp, moov, mdat]);
}
