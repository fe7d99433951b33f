import { endServerRender, prefetchForPage } from 'api-slice/next'
import { PostView } from '../../../components/PostView'
import { api, useGetPostQuery } from '../../../lib/api'
import { wrapper } from '../../../lib/store'

// Rendered on every request. A failed fetch (404 for an unknown id) is sent to
// the browser like data, so the page shows the error and can retry there.
export const getServerSideProps = wrapper.getServerSideProps((store) => async ({ params, res }) => {
  const id = Number(params?.id)
  await prefetchForPage(store, api, [api.endpoints.getPost.initiate(id)])
  // The wrapper reads the state after this returns; clear the request's store once the response is sent.
  res.on('finish', () => endServerRender(store, api))
  return { props: { id } }
})

export default function SsrPost({ id }: { id: number }) {
  const { data: post, error, refetch, isFetching } = useGetPostQuery(id)
  if (error) {
    const status = 'status' in error ? error.status : 'unknown'
    return (
      <div>
        <p data-testid="error">
          Could not load post {id} (status {status}).
        </p>
        <button data-testid="retry" onClick={() => void refetch()} disabled={isFetching}>
          Retry
        </button>
      </div>
    )
  }
  return post ? <PostView post={post} /> : <p data-testid="loading">Loading…</p>
}
