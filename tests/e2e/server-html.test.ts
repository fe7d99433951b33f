// The pages that fetch on the server (SSG/ISR and SSR) send HTML that already
// shows the data: a client without JavaScript (Node's fetch here) sees it.
import { beforeEach, describe, expect, it } from 'vitest'
import { editPostTitle, fetchServerHtml, getPost, getPosts, resetData } from './harness'

beforeEach(resetData)

describe('HTML from the server, before any JavaScript runs', () => {
  it('/ (static, revalidated) lists the posts with their titles', async () => {
    const posts = await getPosts()
    const page = await fetchServerHtml('/')
    expect(page.status).toBe(200)
    for (const post of posts) expect(page.has(`post-link-${post.id}`)).toBe(true)
    // Other tests edit posts 4 and 5 and this page may be regenerated from those
    // edits for up to 10 s, so only the titles no test changes are compared.
    for (const post of posts.filter(({ id }) => id <= 3)) expect(page.text(`post-link-${post.id}`)).toBe(post.title)
    expect(page.has('loading')).toBe(false)
  })

  it.each([
    ['/posts/1', 'static with getStaticPaths'],
    ['/ssr/posts/1', 'getServerSideProps'],
    ['/suspense/1', 'getServerSideProps and a Suspense query'],
  ])('%s (%s) shows the post title and body', async (path) => {
    const post = await getPost(1)
    const page = await fetchServerHtml(path)
    expect(page.status).toBe(200)
    expect(page.text('post-title')).toBe(post.title)
    expect(page.text('post-body')).toBe(post.body)
    expect(page.html).toContain(post.author.name)
    expect(page.has('loading')).toBe(false)
    expect(page.has('suspense-fallback')).toBe(false)
  })

  it('/ssr/posts/1 shows the current data, not the data of an earlier request', async () => {
    await fetchServerHtml('/ssr/posts/1')
    const { title } = await editPostTitle(1, 'Edited on the server')
    const page = await fetchServerHtml('/ssr/posts/1')
    expect(page.text('post-title')).toBe(title)
  })
})
