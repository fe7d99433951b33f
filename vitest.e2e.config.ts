import { defineConfig } from 'vitest/config'
import { BaseSequencer } from 'vitest/node'
import type { TestSpecification } from 'vitest/node'

// Files run one at a time in a fixed order. fallback.test.ts goes first: it is
// meant to make the first request for /posts/3, before the list page's link
// prefetching (in the other files) makes Next generate that page.
class FixedOrder extends BaseSequencer {
  override async sort(files: TestSpecification[]) {
    const rank = (file: TestSpecification) => (file.moduleId.endsWith('/fallback.test.ts') ? 0 : 1)
    return [...files].sort((a, b) => rank(a) - rank(b) || a.moduleId.localeCompare(b.moduleId))
  }
}

// End-to-end tests in a real Chromium against the built example app.
// Run them with `npm run test:e2e` (scripts/e2e.mjs builds and starts the app).
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    // The files share one server and its in-memory data (reset before each test).
    fileParallelism: false,
    sequence: { sequencer: FixedOrder },
    testTimeout: 45_000,
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest/e2e.json' },
    hookTimeout: 60_000,
  },
})
