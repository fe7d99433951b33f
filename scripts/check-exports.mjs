// Checks the built package the way users load it: each entry of the exports
// map, as ESM (import) and CJS (require), resolved by package name, with its
// types; and that `api-slice/react` offers every value the core offers.
import { createRequire } from 'node:module'
import { existsSync } from 'node:fs'
import assert from 'node:assert/strict'

const require = createRequire(import.meta.url)
const pkg = require('../package.json')
const loaded = {}
for (const [subpath, conditions] of Object.entries(pkg.exports)) {
  if (subpath === './package.json') continue
  const specifier = subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`
  for (const file of [conditions.import.types, conditions.require.types]) {
    assert.ok(existsSync(new URL(`../${file}`, import.meta.url)), `${specifier}: missing ${file}`)
  }
  const esm = await import(specifier)
  const cjs = require(specifier)
  assert.deepEqual(Object.keys(esm).sort(), Object.keys(cjs).sort(), `${specifier}: ESM and CJS export different names`)
  loaded[specifier] = esm
}
const core = loaded[pkg.name]
const react = loaded[`${pkg.name}/react`]
for (const name of Object.keys(core)) {
  assert.ok(name in react, `api-slice/react does not re-export the core's '${name}': add it to src/react/index.ts`)
}
assert.notEqual(react.createApi, core.createApi, 'api-slice/react must export its own createApi (with hooks)')
console.log(`[api-slice] package exports: ${Object.keys(loaded).length} entry points load as ESM and CJS, with types`)
