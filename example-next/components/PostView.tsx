import Link from 'next/link'
import type { Post } from '../lib/api'

export function PostView({ post }: { post: Post }) {
  return (
    <article>
      <h1 data-testid="post-title">{post.title}</h1>
      <p>by {post.author.name}</p>
      <p data-testid="post-body">{post.body}</p>
      <ul>
        {post.comments.map((comment) => (
          <li key={comment.id}>{comment.text}</li>
        ))}
      </ul>
      <Link href={`/posts/${post.id}/edit`} data-testid="edit-link">
        Edit
      </Link>
    </article>
  )
}
