/**
 * Puts markup written as text into a Word file that `docx` built: the paragraph holding `marker`
 * is replaced by `xml`, given piece by piece. The header, the page and the styles stay `docx`'s;
 * only the long body (the synthesis's tables) is written as text (see synthesis-xml.ts for why).
 * The pieces go straight into Node's own zlib, on its thread pool: a round's body is tens of
 * megabytes of XML, which neither needs to be one string nor compressed on the event loop.
 */
import { once } from 'node:events';
import { crc32, createDeflateRaw } from 'node:zlib';
import { strFromU8, unzipSync } from 'fflate';

type Packed = { name: string; packed: Buffer; crc: number; size: number };

/** Deflates the pieces of one zip entry as they come, with their CRC-32 and size. */
async function deflatePieces(name: string, pieces: Iterable<string | Uint8Array>): Promise<Packed> {
  const z = createDeflateRaw({ level: 6 });
  const out: Buffer[] = [];
  z.on('data', (b: Buffer) => out.push(b));
  const ended = once(z, 'end');
  let crc = 0;
  let size = 0;
  for (const piece of pieces) {
    const b = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
    crc = crc32(b, crc);
    size += b.length;
    if (!z.write(b)) await once(z, 'drain');
  }
  z.end();
  await ended;
  return { name, packed: Buffer.concat(out), crc, size };
}

export async function spliceBody(docx: Buffer, marker: string, xml: Iterable<string>): Promise<Buffer> {
  const files = unzipSync(new Uint8Array(docx));
  const body = files['word/document.xml'];
  if (!body) throw new Error('The Word file has no word/document.xml');
  const text = strFromU8(body);
  const at = text.indexOf(marker);
  const start = text.lastIndexOf('<w:p>', at);
  const end = text.indexOf('</w:p>', at);
  if (at < 0 || start < 0 || end < 0) throw new Error(`The marker ${marker} is not in the Word file`);
  function* document() {
    yield text.slice(0, start);
    yield* xml;
    yield text.slice(end + '</w:p>'.length);
  }
  const entries: Packed[] = [];
  for (const [name, data] of Object.entries(files))
    entries.push(await deflatePieces(name, name === 'word/document.xml' ? document() : [data]));
  return writeZip(entries);
}

/** DOS date of 1 January 1980, the zip format's earliest: the parts of a report carry no time. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/**
 * A zip of deflated entries (PKWARE APPNOTE 6.3: local headers, central directory, end record;
 * no zip64, so under 4 GB, far above any report).
 */
function writeZip(entries: readonly Packed[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: deflate
    local.writeUInt16LE(0x0800, 6); // names in UTF-8
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(e.crc, 14);
    local.writeUInt32LE(e.packed.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt16LE(0, 12);
    dir.writeUInt16LE(DOS_DATE, 14);
    dir.writeUInt32LE(e.crc, 16);
    dir.writeUInt32LE(e.packed.length, 20);
    dir.writeUInt32LE(e.size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42); // 30–41: extra, comment, disk, attributes: none
    central.push(dir, name);
    parts.push(local, name, e.packed);
    offset += local.length + name.length + e.packed.length;
  }
  const dirSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dirSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, end]);
}
