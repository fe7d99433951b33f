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
  // The static page may be up to 10 seconds old (or older than an edit made in
  // this tab), so the list also asks the API for the current posts once mounted.
  const { data: posts } = useGetPostsQuery(undefined, { refetchOnMountOrArgChange: true })
  return (
    <>
      <h1>Posts</h1>
      {posts ? <PostList posts={posts} /> : <p data-testid="loading">Loading…</p>}
    </>
  )
}
