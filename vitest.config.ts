import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Model tests run whole simulations; the machine has two cores.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
