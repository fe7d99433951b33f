import { prefetchForPage } from 'api-slice/next'
import { PostList } from '../components/PostList'
import { api, useGetPostsQuery } from '../lib/api'
import { wrapper } from '../lib/store'

// Incremental static regeneration: built once, regenerated at most every 10 seconds.
export const getStaticProps = wrapper.getStaticProps((store) => async () => {
  await prefetchForPage(store, api, [api.endpoints.getPosts.initiate()])
  return { props: {}, revalidate: 10 }
})

export default function Home() {
  // The static snapshot is shown as it is. After an edit in this tab the list's
  // tag was invalidated, so rehydration refuses the older snapshot and the hook
  // fetches the current posts instead.
  const { data: posts } = useGetPostsQuery()
  return (
    <>
      <h1>Posts</h1>
      {posts ? <PostList posts={posts} /> : <p data-testid="loading">Loading…</p>}
    </>
  )
}
