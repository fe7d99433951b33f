// A query that failed on the server reaches the browser as an error (404 here)
// and the page can ask again.
import { describe, expect, it } from 'vitest'
import { fetchServerHtml, useBrowser, testId, timeouts } from './harness'

const browser = useBrowser()

describe('a post that does not exist (/ssr/posts/99)', () => {
  it('the server HTML shows the error with status 404', async () => {
    const page = await fetchServerHtml('/ssr/posts/99')
    expect(page.text('error')).toContain('404')
    expect(page.has('retry')).toBe(true)
    expect(page.has('post-title')).toBe(false)
  })

  it('the browser shows the 404 error, and clicking retry requests the post again', async () => {
    const session = await browser().open()
    session.expectFailedRequests('/api/posts/99')
    await session.visit('/ssr/posts/99', 'error')
    expect(await testId(session.page, 'error').textContent()).toContain('404')
    // The client may already have retried on mount; count from here.
    const requestsBefore = session.apiRequests.filter((request) => request === 'GET /api/posts/99').length
    console.info(`[e2e] /ssr/posts/99: ${requestsBefore} request(s) to /api/posts/99 after hydration, before retry`)

    await testId(session.page, 'retry').click()
    await expect
      .poll(() => session.apiRequests.filter((request) => request === 'GET /api/posts/99').length, {
        timeout: timeouts.action,
      })
      .toBe(requestsBefore + 1)
    await session.waitForQuiet()
    expect(await testId(session.page, 'error').textContent()).toContain('404')
    expect(await testId(session.page, 'retry').isEnabled()).toBe(true)
    expect(session.problems).toEqual([])
  })
})
