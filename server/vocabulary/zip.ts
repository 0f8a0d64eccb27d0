import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import type { MessageRef } from '../../contracts/messages/catalogues.ts';
import { msg, render } from '../i18n/messages.ts';

/**
 * A minimal ZIP (PKWARE APPNOTE 6.3) writer and reader: stored or deflated entries, no zip64, no
 * encryption. Enough for Anki packages, which are small and hold two or three files.
 */

export type ZipEntry = { name: string; data: Uint8Array };

const localHeaderSignature = 0x04034b50;
const centralHeaderSignature = 0x02014b50;
const endSignature = 0x06054b50;

/** DOS date and time of a Date (the format ZIP headers use), in UTC for reproducible files. */
function dosDateTime(date: Date): { time: number; day: number } {
  const year = Math.max(1980, date.getUTCFullYear());
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
    day: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

/** Packs entries into a ZIP archive, deflating each one unless that does not make it smaller. */
export function writeZip(entries: ZipEntry[], modified: Date = new Date(0)): Buffer {
  const { time, day } = dosDateTime(modified);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const raw = Buffer.from(entry.data.buffer, entry.data.byteOffset, entry.data.byteLength);
    const deflated = deflateRawSync(raw);
    const useDeflate = deflated.length < raw.length;
    const body = useDeflate ? deflated : raw;
    const checksum = crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(localHeaderSignature, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(0x0800, 6); // flags: names are UTF-8
    local.writeUInt16LE(useDeflate ? 8 : 0, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(day, 12);
    local.writeUInt32LE(checksum, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(centralHeaderSignature, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6); // version needed
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(useDeflate ? 8 : 0, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(day, 14);
    central.writeUInt32LE(checksum, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const centralSize = centrals.reduce((sum, part) => sum + part.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(endSignature, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

/** Bounds for reading an archive that came from outside: entries read, and bytes per entry unpacked. */
export type ZipReadLimits = {
  /** Only entries whose name passes are unpacked (the rest are skipped unread). */
  only?: (name: string) => boolean;
  maxEntries?: number;
  /** Bytes one entry may unpack to; both the declared size and the real output are held to it. */
  maxEntryBytes?: number;
};

export class ZipLimitError extends Error {
  /** What the importer tells the person, in their interface language. */
  readonly messageRef: MessageRef;
  constructor(message: MessageRef) {
    super(render('en', message));
    this.messageRef = message;
    this.name = 'ZipLimitError';
  }
}

/** Reads the entries of a ZIP archive through its central directory, checking each CRC-32. */
export function readZip(archive: Buffer, limits: ZipReadLimits = {}): ZipEntry[] {
  if (archive.length < 22) throw new Error('Not a ZIP archive: too short.');
  let endOffset = -1;
  for (let index = archive.length - 22; index >= Math.max(0, archive.length - 22 - 0xffff); index -= 1) {
    if (archive.readUInt32LE(index) === endSignature) {
      endOffset = index;
      break;
    }
  }
  if (endOffset < 0) throw new Error('Not a ZIP archive: no end of central directory record.');
  const count = archive.readUInt16LE(endOffset + 10);
  if (limits.maxEntries !== undefined && count > limits.maxEntries)
    throw new ZipLimitError(msg('errors.zip.tooManyEntries', { count, max: limits.maxEntries }));
  let pointer = archive.readUInt32LE(endOffset + 16);
  const entries: ZipEntry[] = [];
  for (let index = 0; index < count; index += 1) {
    if (archive.readUInt32LE(pointer) !== centralHeaderSignature)
      throw new Error('Corrupt central directory.');
    const method = archive.readUInt16LE(pointer + 10);
    const checksum = archive.readUInt32LE(pointer + 16);
    const compressedSize = archive.readUInt32LE(pointer + 20);
    const declaredSize = archive.readUInt32LE(pointer + 24);
    const nameLength = archive.readUInt16LE(pointer + 28);
    const extraLength = archive.readUInt16LE(pointer + 30);
    const commentLength = archive.readUInt16LE(pointer + 32);
    const localOffset = archive.readUInt32LE(pointer + 42);
    const name = archive.toString('utf8', pointer + 46, pointer + 46 + nameLength);
    const next = pointer + 46 + nameLength + extraLength + commentLength;
    if (limits.only && !limits.only(name)) {
      pointer = next;
      continue;
    }
    const maxBytes = limits.maxEntryBytes;
    // 0xffffffff is zip64's marker: the real size is elsewhere, so only the output limit applies.
    if (maxBytes !== undefined && declaredSize !== 0xffffffff && declaredSize > maxBytes)
      throw new ZipLimitError(
        msg('errors.zip.entryTooLarge', { name, mebibytes: Math.round(maxBytes / 1024 / 1024) }),
      );
    if (archive.readUInt32LE(localOffset) !== localHeaderSignature)
      throw new Error(`Corrupt local header: ${name}`);
    const dataStart =
      localOffset + 30 + archive.readUInt16LE(localOffset + 26) + archive.readUInt16LE(localOffset + 28);
    const body = archive.subarray(dataStart, dataStart + compressedSize);
    let data: Buffer;
    if (method === 0) data = Buffer.from(body);
    else if (method === 8) {
      try {
        data = inflateRawSync(body, maxBytes === undefined ? {} : { maxOutputLength: maxBytes });
      } catch (error) {
        // A declared size that lies (a zip bomb) ends here, at the limit, not in memory.
        if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
          throw new ZipLimitError(
            msg('errors.zip.entryTooLarge', { name, mebibytes: Math.round((maxBytes ?? 0) / 1024 / 1024) }),
          );
        throw error;
      }
    } else throw new Error(`Unsupported compression method ${method} for ${name}`);
    if (crc32(data) !== checksum) throw new Error(`CRC mismatch for ${name}`);
    entries.push({ name, data });
    pointer = next;
  }
  return entries;
}
