import type { BaseQueryApi, BaseQueryFn } from './types/baseQuery'

import { apiSliceError } from './errors'

declare const _neverResult: unique symbol
/** The result type of a base query that never returns, so no endpoint can rely on its data. */
export type NEVER = typeof _neverResult

/**
 * A stand-in `baseQuery` for apis whose endpoints all use `queryFn`. It only fixes the error type those
 * `queryFn`s may return; calling it means an endpoint has no `queryFn`, which is reported as a thrown error.
 *
 * @example
 * const api = createApi({
 *   baseQuery: fakeBaseQuery<{ reason: string }>(),
 *   endpoints: (build) => ({ getTime: build.query<number, void>({ queryFn: () => ({ data: Date.now() }) }) }),
 * })
 */
export function fakeBaseQuery<TError>(): BaseQueryFn<void, NEVER, TError, {}> {
  return function fakeBaseQueryFn(_arg: void, api: BaseQueryApi): never {
    throw apiSliceError(
      `Endpoint "${api.endpoint}" reached the baseQuery, but this api uses fakeBaseQuery, so give every endpoint a ` +
        'queryFn (or use a real baseQuery such as fetchBaseQuery).',
    )
  }
}
