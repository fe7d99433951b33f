import Link from 'next/link'
import type { PostSummary } from '../lib/api'

export function PostList({ posts }: { posts: PostSummary[] }) {
  return (
    <ul>
      {posts.map((post) => (
        <li key={post.id}>
          <Link href={`/posts/${post.id}`} data-testid={`post-link-${post.id}`}>
            {post.title}
          </Link>
        </li>
      ))}
    </ul>
  )
}
