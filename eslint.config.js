import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'coverage', '**/.next'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-empty-object-type': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The core is framework-free: no React, no Next, and never the peer we measure against.
    files: ['src/core/**/*.ts', 'src/index.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['react', 'react-dom', 'react-redux', 'next', 'next-redux-wrapper'],
          patterns: ['@reduxjs/toolkit/query*', 'next/*', '../react/*', '../next/*'],
        },
      ],
    },
  },
  {
    files: ['src/react/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: ['next', 'next-redux-wrapper'], patterns: ['@reduxjs/toolkit/query*', 'next/*', '../next/*'] },
      ],
    },
  },
  {
    // api-slice/next: the core by package name ('api-slice') and next-redux-wrapper only; no React, no Next, no relative core imports.
    files: ['src/next/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['react', 'react-dom', 'react-redux', 'next', 'api-slice/react'],
          patterns: ['@reduxjs/toolkit/query*', 'next/*', '../core/*', '../react/*', '../index', '../index.*'],
        },
      ],
    },
  },
  {
    files: ['bench/**/*.{js,mjs,ts}', 'scripts/**/*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', performance: 'readonly', URL: 'readonly' },
    },
  },
)
