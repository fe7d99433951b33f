import { defineConfig } from 'tsup'

export default defineConfig({
  entry: { index: 'src/index.ts', 'react/index': 'src/react/index.ts', 'next/index': 'src/next/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  // Shared chunks keep one copy of the core when several entry points load.
  splitting: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  // The React and Next entries import the core by package name, so all entries share one core.
  external: ['@reduxjs/toolkit', 'immer', 'react', 'react-redux', 'next', 'next-redux-wrapper', 'api-slice'],
})
