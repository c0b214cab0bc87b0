/**
 * `resolute extract [file]`: reads a resolution (plain text or .docx, from a file or from
 * standard input) and prints the proposed targets, tasks, breakthroughs and milestones as a
 * JSON array.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { extractItems, type ExtractedItem, type TargetComparator } from '../../domain/extraction';
import { docxToText } from '../../server/lib/docx-text';

/** One item as the CLI prints it: snake_case, exactly these fields. */
export type CliItem = {
  kind: ExtractedItem['kind'];
  indicator: string;
  comparator: TargetComparator | null;
  value: number | null;
  value_min: number | null;
  value_max: number | null;
  unit: string;
  by_year: number | null;
  per_year: boolean;
  start: number;
  end: number;
};

/** Maps domain items to the CLI's JSON shape. Pure. */
export function toCliJson(items: ExtractedItem[]): CliItem[] {
  return items.map((i) => ({
    kind: i.kind,
    indicator: i.indicator,
    comparator: i.comparator,
    value: i.value,
    value_min: i.valueMin,
    value_max: i.valueMax,
    unit: i.unit,
    by_year: i.byYear,
    per_year: i.perYear,
    start: i.start,
    end: i.end,
  }));
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const isZip = (buf: Buffer) => buf.length > 3 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04;

/** Reads the input as text: a .docx (by name or by its zip signature) or UTF-8. */
async function readInput(file: string | undefined): Promise<string> {
  const buf = file ? await readFile(file) : await readStdin();
  if ((file && /\.docx$/i.test(file)) || isZip(buf)) return docxToText(buf);
  return buf.toString('utf8').replace(/^\uFEFF/, '');
}

/** Adds `extract [file]` to the program. */
export function registerExtract(program: Command): void {
  program
    .command('extract [file]')
    .description(
      'Đề xuất chỉ tiêu, nhiệm vụ, đột phá từ văn bản nghị quyết (.txt hoặc .docx; không có tệp thì đọc stdin) / ' +
        'propose targets, tasks and breakthroughs from a resolution; prints a JSON array. ' +
        'start/end are offsets into the NFC-normalized text.',
    )
    .action(async (file: string | undefined) => {
      const text = await readInput(file);
      process.stdout.write(`${JSON.stringify(toCliJson(extractItems(text)), null, 2)}\n`);
    });
}
