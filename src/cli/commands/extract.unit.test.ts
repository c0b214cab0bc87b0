import { Document, Packer, Paragraph, TextRun } from 'docx';
import { describe, expect, it } from 'vitest';
import { extractItems } from '../../domain/extraction';
import { docxToText } from '../../server/lib/docx-text';
import { toCliJson } from './extract';

async function buildDocx(paragraphs: string[]): Promise<Buffer> {
  const doc = new Document({
    sections: [{ children: paragraphs.map((p) => new Paragraph({ children: [new TextRun(p)] })) }],
  });
  return Packer.toBuffer(doc);
}

describe('docxToText', () => {
  it('returns the paragraphs of a Word document, one per line', async () => {
    const buf = await buildDocx(['Chỉ tiêu chủ yếu:', 'GRDP tăng bình quân 8,5-8,7%/năm & thu ngân sách tăng 8%/năm.']);
    const text = await docxToText(buf);
    expect(text.split('\n')).toEqual(['Chỉ tiêu chủ yếu:', 'GRDP tăng bình quân 8,5-8,7%/năm & thu ngân sách tăng 8%/năm.']);
  });

  it('feeds the extraction like pasted text does', async () => {
    const text = await docxToText(await buildDocx(['Thu hút đầu tư nước ngoài đạt trên 9 tỉ USD.']));
    const [item] = extractItems(text);
    expect(item).toMatchObject({ comparator: '>', value: 9, unit: 'tỷ USD' });
  });

  it('throws on a buffer that is not a Word document', async () => {
    await expect(docxToText(Buffer.from('không phải docx'))).rejects.toThrow();
  });
});

describe('toCliJson', () => {
  it('prints exactly the snake_case fields of the contract', () => {
    const [row] = toCliJson(extractItems('GRDP tăng bình quân 8,5-8,7%/năm đến năm 2025.'));
    expect(row).toEqual({
      kind: 'target',
      indicator: 'GRDP',
      comparator: 'range',
      value: null,
      value_min: 8.5,
      value_max: 8.7,
      unit: '%',
      by_year: 2025,
      per_year: true,
      start: 0,
      end: 32,
    });
  });

  it('keeps items that are not targets with null numbers', () => {
    const rows = toCliJson(extractItems('Đại hội đề ra 2 khâu đột phá: Phát triển nguồn nhân lực; Phát triển hạ tầng giao thông.'));
    expect(rows.map((r) => [r.kind, r.comparator, r.value])).toEqual([
      ['breakthrough', null, null],
      ['breakthrough', null, null],
    ]);
  });
});
