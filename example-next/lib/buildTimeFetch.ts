// `next build` pre-renders the static pages before any server listens, so
// their prefetches cannot reach http://127.0.0.1:PORT/api. During the build the
// api's fetch answers from the embedded API's module instead; at run time the
// server fetches over HTTP like any other client.
export const isBuildPhase = process.env.NEXT_PHASE === 'phase-production-build'

export async function buildTimeFetch(input: RequestInfo): Promise<Response> {
  const request = new Request(input)
  const { handleApi } = await import('./posts')
  const text = await request.text()
  const path = new URL(request.url).pathname.replace(/^\/api/, '')
  const { status, body } = handleApi(request.method, path, text ? JSON.parse(text) : undefined)
  return Response.json(body, { status })
}
