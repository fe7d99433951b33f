import { defineConfig, mergeConfig } from 'vitest/config'
import base from './vitest.config'

// Type tests (`*.test-d.ts`) are checked by the compiler, not run.
export default mergeConfig(
  base,
  defineConfig({
    test: {
      include: [],
      typecheck: { enabled: true, only: true, include: ['tests/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    },
  }),
)
