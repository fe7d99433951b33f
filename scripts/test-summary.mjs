// Prints one closing line over the vitest runs of `npm test` (unit, type and
// end-to-end tests), in the plain "N passed, N failed" form CI reads.
import { readFileSync, existsSync } from 'node:fs'

let passed = 0
let failed = 0
for (const file of ['.vitest/unit.json', '.vitest/types.json', '.vitest/e2e.json']) {
  if (!existsSync(file)) continue
  const report = JSON.parse(readFileSync(file, 'utf8'))
  passed += report.numPassedTests
  failed += report.numFailedTests
}
console.log(`tests: ${passed} passed, ${failed} failed`)
process.exitCode = failed > 0 || passed === 0 ? 1 : 0
