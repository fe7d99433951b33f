import { endServerRender, prefetchForPage } from 'api-slice/next'
import { Suspense } from 'react'
import { PostView } from '../../components/PostView'
import { api, useGetPostSuspenseQuery } from '../../lib/api'
import { wrapper } from '../../lib/store'

export const getServerSideProps = wrapper.getServerSideProps((store) => async ({ params, res }) => {
  const id = Number(params?.id)
  await prefetchForPage(store, api, [api.endpoints.getPost.initiate(id)])
  res.on('finish', () => endServerRender(store, api))
  return { props: { id } }
})

export default function SuspensePost({ id }: { id: number }) {
  return (
    <Suspense fallback={<p data-testid="suspense-fallback" />}>
      <Post id={id} />
    </Suspense>
  )
}

// Prefetched on the server, so it renders at once; after a client-side
// navigation without data it would suspend until the post arrives.
function Post({ id }: { id: number }) {
  const { data: post } = useGetPostSuspenseQuery(id)
  return <PostView post={post} />
}
