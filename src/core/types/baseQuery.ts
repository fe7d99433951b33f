import type { ThunkDispatch, UnknownAction } from '@reduxjs/toolkit'

/** What a `baseQuery` (and a `queryFn`) receives besides its arguments. */
export interface BaseQueryApi {
  /** Aborts when the request is aborted or the api state is reset. */
  signal: AbortSignal
  abort: (reason?: string) => void
  dispatch: ThunkDispatch<unknown, unknown, UnknownAction>
  getState: () => unknown
  /** The `extraArgument` of the thunk middleware. */
  extra: unknown
  endpoint: string
  type: 'query' | 'mutation'
  /** True when the request was forced (a refetch or `forceRefetch`). */
  forced?: boolean
  /** Only for queries. */
  queryCacheKey?: string
}

export type QueryReturnValue<TData = unknown, TError = unknown, TMeta = unknown> =
  { error: TError; data?: undefined; meta?: TMeta } | { error?: undefined; data: TData; meta?: TMeta }

export type MaybePromise<T> = T | PromiseLike<T>

export type BaseQueryFn<TArgs = any, TResult = unknown, TError = unknown, TExtraOptions = {}, TMeta = {}> = (
  args: TArgs,
  api: BaseQueryApi,
  extraOptions: TExtraOptions,
) => MaybePromise<QueryReturnValue<TResult, TError, TMeta>>

export type BaseQueryArg<T> = T extends BaseQueryFn<infer TArgs, any, any, any, any> ? TArgs : unknown
export type BaseQueryError<T> = T extends BaseQueryFn<any, any, infer TError, any, any> ? TError : unknown
export type BaseQueryMeta<T> = T extends BaseQueryFn<any, any, any, any, infer TMeta> ? TMeta : unknown
export type BaseQueryExtraOptions<T> = T extends BaseQueryFn<any, any, any, infer TExtra, any> ? TExtra : unknown
