// The embedded API's data and routes: seeded posts in memory in the server
// process (kept on globalThis so every bundle that imports this module shares
// them). pages/api/[...path].ts serves them over HTTP.

export interface PostSummary {
  id: number
  title: string
  authorId: number
}

export interface Post {
  id: number
  title: string
  body: string
  author: { id: number; name: string }
  comments: { id: number; text: string }[]
}

const authors = [
  { id: 1, name: 'Ada' },
  { id: 2, name: 'Grace' },
]

function seed(): Post[] {
  return [1, 2, 3, 4, 5].map((id) => ({
    id,
    title: `Post ${id}`,
    body: `The body of post ${id}.`,
    author: authors[id % 2]!,
    comments: [{ id: id * 10, text: `A comment on post ${id}` }],
  }))
}

const db = globalThis as typeof globalThis & { examplePosts?: Post[] }

const posts = () => (db.examplePosts ??= seed())

export interface ApiResponse {
  status: number
  body: unknown
}

const notFound: ApiResponse = { status: 404, body: { error: 'Not found' } }

/** Answers `method path` (path below /api, e.g. `/posts/1`); `body` is the parsed JSON body. */
export function handleApi(method: string, path: string, body: unknown): ApiResponse {
  const [resource, id, extra] = path.split('/').filter(Boolean)
  if (method === 'POST' && resource === 'reset' && !id) {
    db.examplePosts = seed()
    return { status: 200, body: { ok: true } }
  }
  if (resource !== 'posts' || extra !== undefined) return notFound
  if (id === undefined) {
    if (method !== 'GET') return { status: 405, body: { error: 'Method not allowed' } }
    return { status: 200, body: posts().map(({ id, title, author }) => ({ id, title, authorId: author.id })) }
  }
  const post = posts().find((p) => String(p.id) === id)
  if (!post) return notFound
  if (method === 'GET') return { status: 200, body: post }
  if (method === 'PATCH') {
    const title = (body as { title?: unknown } | null)?.title
    if (typeof title !== 'string' || !title.trim()) return { status: 400, body: { error: 'A title is required' } }
    post.title = title
    return { status: 200, body: post }
  }
  return { status: 405, body: { error: 'Method not allowed' } }
}
