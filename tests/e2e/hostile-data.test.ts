// Data that looks like markup travels from the API through the server render,
// the serialized state and hydration as plain text: nothing it contains runs.
import { beforeEach, describe, expect, it } from 'vitest'
import { editPostTitle, fetchServerHtml, testId, useBrowser } from './harness'

const hostileTitle = '</script><script>window.__pwned=1</script>\u2028'
// Post 4: no other test compares its title (see server-html.test.ts).
const id = 4

const browser = useBrowser()
// After useBrowser's own reset of the data.
beforeEach(async () => {
  await editPostTitle(id, hostileTitle)
})

describe('a title containing </script>, a script tag and U+2028', () => {
  it('is escaped in the server HTML', async () => {
    const page = await fetchServerHtml(`/ssr/posts/${id}`)
    expect(page.status).toBe(200)
    expect(page.text('post-title')).toBe(hostileTitle)
    expect(page.html).not.toContain('<script>window.__pwned=1</script>')
    // Inside inline scripts (the serialized state) nothing may end the script or
    // break a JavaScript string: no `</script`, no raw U+2028 or U+2029.
    const scripts = [...page.html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((match) => match[1]!)
    const state = scripts.find((script) => script.includes('__pwned'))
    expect(state).toBeDefined()
    expect(state).not.toMatch(/[<>\u2028\u2029]/)
    expect(JSON.stringify(JSON.parse(state!))).toContain(JSON.stringify(hostileTitle).slice(1, -1))
  })

  it('renders as text after hydration and runs no script', async () => {
    const session = await browser().open()
    await session.visit(`/ssr/posts/${id}`, 'post-title')
    expect(await testId(session.page, 'post-title').textContent()).toBe(hostileTitle)
    expect(await session.page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined()
    // The state was read back intact: no request to refetch the post.
    expect(session.apiRequests).toEqual([])
    expect(session.problems).toEqual([])
  })
})
