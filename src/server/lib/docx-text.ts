import JSZip from 'jszip';

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
 * buffer is not a zip or holds no `word/document.xml`.
 */
export async function docxToText(buf: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(buf);
  const entry = zip.file('word/document.xml');
  if (!entry) throw new Error('Tệp .docx không có word/document.xml / not a Word document');
  const xml = await entry.async('string');
  const paragraphs: string[] = [];
  // Runs are read in order; <w:t> holds text, <w:tab/> and <w:br/> are whitespace.
  for (const p of xml.match(/<w:p[\s>][\s\S]*?<\/w:p>|<w:p\/>/g) ?? []) {
    let line = '';
    for (const m of p.matchAll(/<w:t(?:\s[^>]*)?>([\s\S]*?)<\/w:t>|<w:tab\/>|<w:br\/>|<w:cr\/>/g)) {
      if (m[1] !== undefined) line += decodeXml(m[1]);
      else line += m[0] === '<w:tab/>' ? '\t' : '\n';
    }
    paragraphs.push(line);
  }
  return paragraphs.join('\n').normalize('NFC');
}
