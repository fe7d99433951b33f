import { defineConfig } from 'tsup'

export default defineConfig({
  entry: { index: 'src/index.ts', 'react/index': 'src/react/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  // Shared chunks keep one copy of the core when several entry points load.
  splitting: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  // The React entry imports the core by package name, so both entries share one core.
  external: ['@reduxjs/toolkit', 'immer', 'react', 'react-redux', 'api-slice'],
})
