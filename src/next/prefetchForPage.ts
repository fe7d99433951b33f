import type { ThunkAction, ThunkDispatch, UnknownAction } from '@reduxjs/toolkit'

/** Any thunk a page may start on the server, usually `api.endpoints.x.initiate(arg)`. */
export type PrefetchThunk = ThunkAction<unknown, any, any, UnknownAction>

/** The part of a store that `prefetchForPage` uses. */
export interface PrefetchStore {
  dispatch: ThunkDispatch<any, any, UnknownAction>
}

/** The part of an api that `prefetchForPage` uses. */
export interface PrefetchApi {
  util: { getRunningQueriesThunk(): ThunkAction<readonly PromiseLike<unknown>[], any, any, UnknownAction> }
}

/**
 * Starts a page's data on a server store and waits until it has settled:
 * dispatches each thunk, waits for what they return, then for every query of
 * `api` still running in this store (queries that lifecycles or other thunks
 * started on the way), until none runs.
 *
 * ```ts
 * await prefetchForPage(store, api, [api.endpoints.getPost.initiate(id), api.endpoints.getPosts.initiate()])
 * ```
 *
 * A failed request does not reject: it is in the state as a rejected entry, for
 * the page to render. A thunk of your own that rejects does, after everything
 * else has settled, so no request is left running.
 */
export async function prefetchForPage(
  store: PrefetchStore,
  api: PrefetchApi,
  thunks: readonly PrefetchThunk[],
): Promise<void> {
  const results = await Promise.allSettled(
    thunks.map((thunk) => {
      try {
        return store.dispatch(thunk)
      } catch (cause) {
        return Promise.reject(cause) // e.g. a missing middleware; the thunks after it still start and are awaited
      }
    }),
  )
  for (;;) {
    const running = store.dispatch(api.util.getRunningQueriesThunk())
    if (running.length === 0) break
    await Promise.allSettled(running)
  }
  const failure = results.find((result) => result.status === 'rejected')
  if (failure) throw failure.reason
}
