import { checkZip, inflateEntry, tooLarge } from './zip-guard';

/** Limits on a Word file: a resolution is a few hundred KB of XML and well under 100,000 words. */
export const DOCX_LIMITS = { maxEntries: 500, maxTotalBytes: 40 * 1024 * 1024, maxXmlBytes: 30 * 1024 * 1024, maxTextChars: 500_000 };

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * Plain text of a .docx: one line per paragraph of `word/document.xml`, tabs and line
 * breaks kept, NFC-normalized. Tables come out one cell paragraph per line. Throws when the
 * buffer is not a zip or holds no `word/document.xml` (400), and when the file declares or
 * inflates to more than `DOCX_LIMITS`, or its text is longer than `maxTextChars` (413).
 * CPU-bound though async: uploads call it in the parse worker, not on the request thread.
 */
export async function docxToText(buf: Buffer): Promise<string> {
  const entries = checkZip(buf, DOCX_LIMITS);
  const entry = entries.find((e) => e.name === 'word/document.xml');
  if (!entry) throw new Error('Tệp .docx không có word/document.xml / not a Word document');
  const xml = inflateEntry(buf, entry, DOCX_LIMITS.maxXmlBytes).toString('utf8');
  const paragraphs: string[] = [];
  let length = 0;
  // Runs are read in order; <w:t> holds text, <w:tab/> and <w:br/> are whitespace.
  for (const p of xml.matchAll(/<w:p[\s>][\s\S]*?<\/w:p>|<w:p\/>/g)) {
    let line = '';
    for (const m of p[0].matchAll(/<w:t(?:\s[^>]*)?>([\s\S]*?)<\/w:t>|<w:tab\/>|<w:br\/>|<w:cr\/>/g)) {
      if (m[1] !== undefined) line += decodeXml(m[1]);
      else line += m[0] === '<w:tab/>' ? '\t' : '\n';
    }
    paragraphs.push(line);
    length += line.length + 1;
    if (length > DOCX_LIMITS.maxTextChars) {
      throw tooLarge(
        `Văn bản dài hơn ${DOCX_LIMITS.maxTextChars.toLocaleString('vi-VN')} ký tự; hãy tách thành nhiều tệp.`,
        `The text is longer than ${DOCX_LIMITS.maxTextChars} characters; split the file.`,
      );
    }
  }
  return paragraphs.join('\n').normalize('NFC');
}
