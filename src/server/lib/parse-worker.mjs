// Entry of the upload parse worker: a worker thread does not inherit the TypeScript loader of
// the thread that starts it, so it registers its own before loading the job code.
import { register } from 'tsx/esm/api';

register();
await import('./parse-worker.ts');
