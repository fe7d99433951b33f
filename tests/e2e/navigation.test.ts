// Client-side navigation: Next fetches the next page's props, the store takes
// them in, and edits show up in the list without a full page load.
import { describe, expect, it } from 'vitest'
import { baseUrl, getPost, getPosts, useBrowser, testId, timeouts } from './harness'

const browser = useBrowser()

describe('client-side navigation', () => {
  it('clicking a post in the list shows that post without a full page load', async () => {
    const post = await getPost(1)
    const session = await browser().open()
    await session.visit('/', 'post-link-1')
    await session.markWindow()

    await testId(session.page, 'post-link-1').click()
    await session.page.waitForURL(`${baseUrl}/posts/1`)
    await expect
      .poll(() => testId(session.page, 'post-title').textContent(), { timeout: timeouts.action })
      .toBe(post.title)
    expect(await testId(session.page, 'post-body').textContent()).toBe(post.body)
    expect(await session.windowMarked()).toBe(true)
    await session.waitForQuiet()
    // The post came with the page's props (getStaticProps), not from the API.
    expect(session.apiRequests).not.toContain('GET /api/posts/1')
    expect(session.problems).toEqual([])
  })

  // Post 5, not 1: the edit reaches the statically generated pages, which other
  // tests compare with the seeded titles of posts 1 to 3 (see server-html.test.ts).
  it('saving the edit form updates the list at / without a full page load', async () => {
    const id = 5
    const title = 'A title edited in the browser'
    expect((await getPosts()).find((post) => post.id === id)?.title).not.toBe(title)
    const session = await browser().open()
    await session.visit(`/posts/${id}/edit`, 'title-input')
    await session.markWindow()

    await testId(session.page, 'title-input').fill(title)
    await testId(session.page, 'save').click()
    await session.page.waitForURL(`${baseUrl}/`)
    await expect
      .poll(() => testId(session.page, `post-link-${id}`).textContent(), { timeout: timeouts.action })
      .toBe(title)
    expect(await session.windowMarked()).toBe(true)
    expect((await getPost(id)).title).toBe(title)
    expect(session.apiRequests).toContain(`PATCH /api/posts/${id}`)
    await session.waitForQuiet()
    expect(session.problems).toEqual([])
  })
})
