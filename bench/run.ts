/**
 * `npm run bench -- NAME [args]` runs one benchmark and ends with one line of JSON holding
 * its figures. `npm run bench` lists them. Each benchmark is `bench/NAME.bench.ts` with a
 * default export `(args: string[]) => Promise<Record<string, unknown>>`; it generates its own
 * data, talks only to loopback and bounds itself in time.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { closeBenchDatabases } from './support';

type Bench = (args: string[]) => Promise<Record<string, unknown>>;

const here = dirname(fileURLToPath(import.meta.url));
const names = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''))
  .sort();

const [name, ...args] = process.argv.slice(2);
if (!name) {
  console.log(`Benchmarks / Các phép đo:\n${names.map((n) => `  npm run bench -- ${n}`).join('\n')}`);
  process.exit(0);
}
if (!names.includes(name)) {
  console.error(`Không có phép đo "${name}". Có: ${names.join(', ')}`);
  process.exit(2);
}
const mod = (await import(pathToFileURL(join(here, `${name}.bench.ts`)).href)) as { default: Bench };
let figures: Record<string, unknown>;
try {
  figures = await mod.default(args);
} finally {
  // A benchmark that failed half-way must not leave its database running or its files behind.
  await closeBenchDatabases();
}
console.log(JSON.stringify({ bench: name, ...figures }));
process.exit(0);
