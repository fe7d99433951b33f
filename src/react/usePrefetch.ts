import type { PrefetchOptions } from 'api-slice'
import { useCallback } from 'react'
import { type HookContext, thunkDispatch } from './hookContext'

/**
 * `api.usePrefetch(endpointName, defaultOptions)`: a function that fills the
 * cache for an argument without subscribing (for hover-to-prefetch).
 *
 * @example
 * const prefetchPost = api.usePrefetch('getPost', { ifOlderThan: 30 })
 * <Link onMouseEnter={() => prefetchPost(id)} />
 *
 * @internal
 */
export function buildUsePrefetch(hc: HookContext) {
  return function usePrefetch(endpointName: string, defaultOptions?: PrefetchOptions) {
    const dispatch = thunkDispatch(hc.hooks.useDispatch())
    return useCallback(
      (arg: unknown, options?: PrefetchOptions) =>
        dispatch(hc.util.prefetch!(endpointName, arg, options ?? defaultOptions)),
      [dispatch, endpointName, defaultOptions],
    )
  }
}
