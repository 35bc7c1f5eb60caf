import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The command runs compiled JavaScript (lib/): compiled once here if the sources changed.
    globalSetup: ['test/build-lib.ts'],
    // Model tests run whole simulations; the machine has two cores.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
