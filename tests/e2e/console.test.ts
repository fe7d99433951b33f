// Every page loads without a React hydration warning, an uncaught error, or any
// console error or warning. The only lines left out are the browser's
// "Failed to load resource" for /favicon.ico (the example has no icon) and,
// on /ssr/posts/99, for /api/posts/99 (that post does not exist; see harness.ts).
import { afterAll, describe, expect, it } from 'vitest'
import { useBrowser } from './harness'

const browser = useBrowser()
const ignored = new Set<string>()
afterAll(() => {
  if (ignored.size) console.info(`[e2e] console lines ignored as network noise:\n  ${[...ignored].join('\n  ')}`)
})

describe('the browser console stays clean', () => {
  it.each([
    ['/', 'post-link-1'],
    ['/posts/1', 'post-title'],
    ['/posts/2', 'post-title'],
    ['/ssr/posts/1', 'post-title'],
    ['/suspense/1', 'post-title'],
    ['/client', 'post-link-1'],
    ['/posts/1/edit', 'title-input'],
    ['/ssr/posts/99', 'error'],
  ])('on %s', async (path, marker) => {
    const session = await browser().open()
    session.expectFailedRequests('/api/posts/99')
    await session.visit(path, marker)
    session.ignored.forEach((line) => ignored.add(`${path}: ${line}`))
    expect(session.problems).toEqual([])
  })
})
