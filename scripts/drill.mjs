#!/usr/bin/env node
// `npm run drill -- NAME` runs one operations drill (src/cli/drills/NAME.drill.ts) and prints
// one line of JSON with its result; the exit code is 0 only when the drill's `ok` is true.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'cli', 'drills');
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.drill.ts'))
  .map((f) => f.replace(/\.drill\.ts$/, ''))
  .sort();
const name = process.argv[2];
if (!name || !names.includes(name)) {
  console.error(`Diễn tập / drills: ${names.map((n) => `npm run drill -- ${n}`).join(', ')}`);
  process.exit(2);
}
const { default: drill } = await import(pathToFileURL(join(dir, `${name}.drill.ts`)).href);
const result = await drill(process.argv.slice(3));
console.log(JSON.stringify({ drill: name, ...result }));
process.exit(result.ok ? 0 : 1);
