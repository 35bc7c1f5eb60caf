import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The command runs compiled JavaScript (lib/): compiled once here if the sources changed.
    globalSetup: ['test/build-lib.ts'],
    // Model tests run whole simulations, and command-line tests whole processes, on two cores that
    // may be busy with other work: a limit only for a test that hangs, far above any normal run.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
