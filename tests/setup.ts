// Shared test setup. React tests run under happy-dom; Testing Library only
// cleans up after each test and React only reports updates outside act()
// when told it runs in a test environment.
import { afterEach } from 'vitest'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

afterEach(async () => {
  if (typeof document === 'undefined') return
  const { cleanup } = await import('@testing-library/react')
  cleanup()
})
