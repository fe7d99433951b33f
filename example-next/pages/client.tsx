import { PostList } from '../components/PostList'
import { useGetPostsQuery } from '../lib/api'

// No prefetch: the server renders the loading state and the browser fetches.
export default function ClientPosts() {
  const { data: posts, isLoading, isError } = useGetPostsQuery()
  if (isLoading) return <p data-testid="loading">Loading…</p>
  if (isError || !posts) return <p data-testid="error">Could not load the posts.</p>
  return (
    <>
      <h1>Posts (fetched in the browser)</h1>
      <PostList posts={posts} />
    </>
  )
}
