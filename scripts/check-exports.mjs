// Checks the built package the way users load it: each entry of the exports
// map, as ESM (import) and CJS (require), resolved by package name.
import { createRequire } from 'node:module'
import { existsSync } from 'node:fs'
import assert from 'node:assert/strict'

const require = createRequire(import.meta.url)
const pkg = require('../package.json')
const expected = ['createApi', 'fetchBaseQuery', 'skipToken', 'QueryStatus', 'setupListeners', 'retry']
let checked = 0
for (const [subpath, conditions] of Object.entries(pkg.exports)) {
  if (subpath === './package.json') continue
  const specifier = subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`
  for (const file of [conditions.import.types, conditions.require.types]) {
    assert.ok(existsSync(new URL(`../${file}`, import.meta.url)), `${specifier}: missing ${file}`)
  }
  const esm = await import(specifier)
  const cjs = require(specifier)
  for (const name of expected) {
    assert.equal(typeof esm[name], typeof cjs[name], `${specifier}: ${name} differs between ESM and CJS`)
    assert.notEqual(esm[name], undefined, `${specifier}: ${name} is not exported`)
  }
  checked++
}
console.log(`[api-slice] package exports: ${checked} entry points load as ESM and CJS, with types`)
