/**
 * Hostile Office files built in code (no binaries in the repository): a tiny zip writer that
 * lets a test declare whatever sizes and entry counts an attacker would.
 */
import { crc32, deflateRawSync } from 'node:zlib';

export type BombEntry = { name: string; data: Buffer; declaredSize?: number; compressed?: Buffer };

/** A zip of the entries, deflated (or pre-compressed), each declaring `declaredSize` if given. */
export function buildZip(entries: BombEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const body = e.compressed ?? deflateRawSync(e.data);
    const size = e.declaredSize ?? e.data.length;
    const crc = e.compressed ? 0 : crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** Raw deflate of `head`, then `repeat` copies of `chunk`, then `tail`, without holding it all in memory. */
export function deflateRepeated(head: string, chunk: string, repeat: number, tail: string): { compressed: Buffer; size: number } {
  // Deflating the repeated block once per megabyte keeps the test fast and small in memory.
  const block = Buffer.from(chunk.repeat(Math.max(1, Math.floor((1 << 20) / chunk.length))));
  const blocks = Math.ceil((chunk.length * repeat) / block.length);
  const whole = Buffer.concat([Buffer.from(head), ...Array.from({ length: blocks }, () => block), Buffer.from(tail)]);
  return { compressed: deflateRawSync(whole, { level: 9 }), size: whole.length };
}

const contentTypes = (main: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${main}</Types>`;

/** A .docx whose document holds `megabytes` MB of paragraphs; `lie` declares 1 KB instead. */
export function docxBomb(megabytes: number, lie = false): Buffer {
  const head = '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>';
  const para = '<w:p><w:r><w:t>Nghị quyết</w:t></w:r></w:p>';
  const { compressed, size } = deflateRepeated(head, para, Math.ceil((megabytes << 20) / para.length), '</w:body></w:document>');
  return buildZip([
    {
      name: '[Content_Types].xml',
      data: Buffer.from(
        contentTypes(
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>',
        ),
      ),
    },
    { name: 'word/document.xml', data: Buffer.alloc(0), compressed, declaredSize: lie ? 1024 : size },
  ]);
}

/** A zip of `count` tiny entries. */
export function manyEntries(count: number, firstName = 'word/document.xml'): Buffer {
  return buildZip(Array.from({ length: count }, (_, i) => ({ name: i === 0 ? firstName : `x/${i}.xml`, data: Buffer.from('<a/>') })));
}

/** An .xlsx whose sheet declares (and holds) `rows` rows, or declares a small size it exceeds (`lie`). */
export function xlsxBomb(rows: number, opts: { lie?: boolean; dimension?: boolean } = {}): Buffer {
  const dimension = opts.dimension === false ? '' : `<dimension ref="A1:B${rows}"/>`;
  const head = `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${dimension}<sheetData>`;
  const row = '<row><c t="inlineStr"><is><t>74.1</t></is></c><c t="inlineStr"><is><t>Nguyễn Văn An</t></is></c></row>';
  const { compressed, size } = deflateRepeated(head, row, rows, '</sheetData></worksheet>');
  const xml = (s: string) => Buffer.from(`<?xml version="1.0"?>${s}`);
  return buildZip([
    {
      name: '[Content_Types].xml',
      data: Buffer.from(
        contentTypes(
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>',
        ),
      ),
    },
    {
      name: '_rels/.rels',
      data: xml(
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
      ),
    },
    {
      name: 'xl/workbook.xml',
      data: xml(
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: xml(
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
    },
    { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(0), compressed, declaredSize: opts.lie ? 4096 : size },
  ]);
}
