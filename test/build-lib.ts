/**
 * Before any test: compile lib/ if a source is newer (scripts/build.js), once, so that the tests
 * that run `node bin/goodhart.js` in parallel never compile it at the same time.
 */
// @ts-expect-error scripts/build.js is plain JavaScript, without declarations.
import { buildIfStale } from '../scripts/build.js';

export default async function setup(): Promise<void> {
  await buildIfStale();
}
