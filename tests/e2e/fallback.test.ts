// /posts/3 is not among getStaticPaths' paths (fallback: true): its first
// request is answered with the fallback page, which then loads the props; once
// generated, the server sends the page with its data.
import { describe, expect, it } from 'vitest'
import { baseUrl, fetchServerHtml, getPost, useBrowser, testId, timeouts, waitForHydration } from './harness'

const browser = useBrowser()

describe('a path outside getStaticPaths (fallback: true)', () => {
  it('/posts/3 renders the fallback (or, if Next already generated it, the data) and then the post', async () => {
    const post = await getPost(3)
    const session = await browser().open()
    const response = await session.page.goto(`${baseUrl}/posts/3`)
    const html = (await response?.text()) ?? ''
    const servedFallback = html.includes('data-testid="fallback"')
    const servedData = html.includes('data-testid="post-title"')
    // Exactly one of the two: the fallback shell on the first request, the generated page afterwards.
    expect(servedFallback !== servedData).toBe(true)
    console.info(
      `[e2e] /posts/3: the server sent ${servedFallback ? 'the fallback page' : 'the generated page with data'}`,
    )

    await waitForHydration(session.page, 'post-title')
    await expect
      .poll(() => testId(session.page, 'post-title').textContent(), { timeout: timeouts.action })
      .toBe(post.title)
    expect(await testId(session.page, 'post-body').textContent()).toBe(post.body)
    expect(await testId(session.page, 'fallback').count()).toBe(0)
    await session.waitForQuiet()
    expect(session.problems).toEqual([])

    // Generated now: later requests get the data in the HTML.
    await expect
      .poll(async () => (await fetchServerHtml('/posts/3')).text('post-title'), {
        timeout: timeouts.navigation,
        interval: 250,
      })
      .toBe(post.title)
  })
})
