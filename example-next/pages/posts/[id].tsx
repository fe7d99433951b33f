import { prefetchForPage } from 'api-slice/next'
import type { GetStaticPaths } from 'next'
import { useRouter } from 'next/router'
import { PostView } from '../../components/PostView'
import { api, useGetPostQuery } from '../../lib/api'
import { wrapper } from '../../lib/store'

// Posts 1 and 2 are built ahead; the others render on their first request
// (the browser shows the fallback meanwhile) and are then cached.
export const getStaticPaths: GetStaticPaths = async () => ({
  paths: [{ params: { id: '1' } }, { params: { id: '2' } }],
  fallback: true,
})

export const getStaticProps = wrapper.getStaticProps((store) => async ({ params }) => {
  const id = Number(params?.id)
  await prefetchForPage(store, api, [api.endpoints.getPost.initiate(id)])
  if (!api.endpoints.getPost.select(id)(store.getState()).data) return { notFound: true, revalidate: 10 }
  return { props: { id }, revalidate: 10 }
})

export default function PostPage({ id }: { id: number }) {
  const router = useRouter()
  if (router.isFallback) return <p data-testid="fallback">Loading post…</p>
  return <Post id={id} />
}

function Post({ id }: { id: number }) {
  const { data: post, isError } = useGetPostQuery(id)
  if (isError) return <p data-testid="error">Could not load post {id}.</p>
  return post ? <PostView post={post} /> : <p data-testid="loading">Loading…</p>
}
