import type { UnknownAction } from '@reduxjs/toolkit'

/** The part of a store that `endServerRender` uses. */
export interface EndServerRenderStore {
  dispatch(action: UnknownAction): unknown
}

/** The part of an api that `endServerRender` uses. */
export interface EndServerRenderApi {
  util: { resetApiState(): UnknownAction }
}

/**
 * Ends a server render's use of `api` in `store`: dispatches
 * `api.util.resetApiState()`, which aborts the requests still running in this
 * store, clears its timers, ends its cache lifecycles (`cacheEntryRemoved`
 * resolves) and empties the cache.
 *
 * Call it after the state was taken, never before: in `getServerSideProps`
 * with `ctx.res.on('finish', () => endServerRender(store, api))`, or in a
 * hand-written render right after `toClientState(store.getState())`. A state
 * object taken earlier is an immutable snapshot and keeps its data.
 */
export function endServerRender(store: EndServerRenderStore, api: EndServerRenderApi): void {
  store.dispatch(api.util.resetApiState())
}
