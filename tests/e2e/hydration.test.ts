// Pages prefetched on the server hydrate from the state they were sent: the
// browser shows the data without asking the API for it again.
import { describe, expect, it } from 'vitest'
import { getPost, getPosts, useBrowser, testId } from './harness'

const browser = useBrowser()

describe('after hydration, prefetched queries make no request to /api', () => {
  it('/ (getStaticProps) shows the list', async () => {
    const posts = await getPosts()
    const session = await browser().open()
    await session.visit('/', 'post-link-1')
    for (const post of posts) expect(await testId(session.page, `post-link-${post.id}`).textContent()).toBe(post.title)
    expect(session.apiRequests).toEqual([])
    expect(session.problems).toEqual([])
  })

  it.each([
    ['/posts/1', 'getStaticProps'],
    ['/ssr/posts/1', 'getServerSideProps'],
    ['/suspense/1', 'getServerSideProps and useGetPostSuspenseQuery'],
  ])('%s (%s) shows the post', async (path) => {
    const post = await getPost(1)
    const session = await browser().open()
    await session.visit(path, 'post-title')
    expect(await testId(session.page, 'post-title').textContent()).toBe(post.title)
    expect(await testId(session.page, 'post-body').textContent()).toBe(post.body)
    expect(await testId(session.page, 'suspense-fallback').count()).toBe(0)
    expect(session.apiRequests).toEqual([])
    expect(session.problems).toEqual([])
  })
})
