// The entry of an explain worker thread: threads do not inherit the main thread's TypeScript loader,
// so each registers tsx itself (as bin/goodhart.js does) and then loads the worker's code.
import { register } from 'tsx/esm/api';

register();
await import('./explain-worker.ts');
