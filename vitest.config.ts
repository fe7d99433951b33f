import { defineConfig } from 'vitest/config'
import { fileURLToPath } from 'node:url'

export default defineConfig({
  resolve: {
    alias: {
      'api-slice/react': fileURLToPath(new URL('./src/react/index.ts', import.meta.url)),
      'api-slice/next': fileURLToPath(new URL('./src/next/index.ts', import.meta.url)),
      'api-slice': fileURLToPath(new URL('./src/index.ts', import.meta.url)),
    },
  },
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    environment: 'node',
    setupFiles: ['tests/setup.ts'],
  },
})
