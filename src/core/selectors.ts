import { createSelector } from '@reduxjs/toolkit'
import { type ApiContext, queryCacheKeyFor, requireDefinition, selectApiState } from './apiContext'
import { QueryStatus } from './queryStatus'
import { skipToken, type SkipToken } from './skipToken'
import { tablesOf } from './state/cacheTables'
import { keysInvalidatedBy } from './state/providedIndex'
import type { MutationSubState, QuerySubState } from './types/state'
import type { MutationResultSelectorResult, QueryResultSelectorResult } from './types/results'
import type { TagDescription } from './types/tags'
import type { InfiniteQueryOptions } from './types/infinite'
import { hasPage, isInfiniteData, nextPageParam, previousPageParam } from './infinitePages'

export const uninitializedResult = Object.freeze({
  status: QueryStatus.uninitialized,
  isUninitialized: true,
  isLoading: false,
  isSuccess: false,
  isError: false,
}) as QueryResultSelectorResult<never, never, never>

function withStatusFlags<T extends QuerySubState | MutationSubState>(entry: T | undefined) {
  if (!entry) return uninitializedResult
  return {
    ...entry,
    isUninitialized: entry.status === QueryStatus.uninitialized,
    isLoading: entry.status === QueryStatus.pending,
    isSuccess: entry.status === QueryStatus.fulfilled,
    isError: entry.status === QueryStatus.rejected,
  }
}

const skippedSelector = () => uninitializedResult

export interface InfiniteQueryFlags {
  hasNextPage: boolean
  hasPreviousPage: boolean
  isFetchingNextPage: boolean
  isFetchingPreviousPage: boolean
  isFetchNextPageError: boolean
  isFetchPreviousPageError: boolean
}

/** Page flags of an infinite query with nothing cached (or skipped). */
export const noPages: InfiniteQueryFlags = Object.freeze({
  hasNextPage: false,
  hasPreviousPage: false,
  isFetchingNextPage: false,
  isFetchingPreviousPage: false,
  isFetchNextPageError: false,
  isFetchPreviousPageError: false,
})

/** The page flags of an infinite query entry: whether more pages exist, and which way it is fetching. */
function infiniteFlags(
  options: InfiniteQueryOptions<unknown, unknown, unknown>,
  entry: QuerySubState,
): InfiniteQueryFlags {
  const data = entry.data
  const hasData = isInfiniteData(data) && data.pages.length > 0
  const forward = entry.direction === 'forward'
  const backward = entry.direction === 'backward'
  const pending = entry.status === QueryStatus.pending
  const rejected = entry.status === QueryStatus.rejected
  return {
    hasNextPage: hasData && hasPage(nextPageParam(options, data, entry.originalArgs)),
    hasPreviousPage: hasData && hasPage(previousPageParam(options, data, entry.originalArgs)),
    isFetchingNextPage: pending && forward,
    isFetchingPreviousPage: pending && backward,
    isFetchNextPageError: rejected && forward,
    isFetchPreviousPageError: rejected && backward,
  }
}

const uninitializedInfiniteResult = Object.freeze({ ...uninitializedResult, ...noPages })
const skippedInfiniteSelector = () => uninitializedInfiniteResult as QueryResultSelectorResult

/** Status flags, plus page flags for infinite queries. */
function queryResult(
  ctx: ApiContext,
  entry: QuerySubState | undefined,
  endpointName?: string,
): QueryResultSelectorResult {
  const definition = ctx.definitions[entry?.endpointName ?? endpointName ?? '']
  const options = definition?.type === 'query' ? definition.infiniteQueryOptions : undefined
  const result = withStatusFlags(entry) as QueryResultSelectorResult
  if (!options) return result
  return { ...result, ...(entry ? infiniteFlags(options, entry) : noPages) }
}

/** The selected result for one cache key, unmemoized (for one-off reads such as a settled `initiate`). @internal */
export function readQueryResult(ctx: ApiContext, rootState: unknown, queryCacheKey: string): QueryResultSelectorResult {
  return queryResult(ctx, tablesOf(selectApiState(ctx, rootState)).queries.get(queryCacheKey))
}

/** A memoized selector of one query cache entry, by cache key. @internal */
export function selectQueryByKey(ctx: ApiContext, queryCacheKey: string, endpointName?: string) {
  return createSelector(
    [(rootState: unknown) => tablesOf(selectApiState(ctx, rootState)).queries.get(queryCacheKey)],
    (entry) => queryResult(ctx, entry, endpointName),
  )
}

/** `api.endpoints[name].select` for a query endpoint. */
export function buildQuerySelect(ctx: ApiContext, endpointName: string) {
  return (arg: unknown | SkipToken): ((rootState: unknown) => QueryResultSelectorResult) => {
    if (arg === skipToken) {
      const definition = ctx.definitions[endpointName]
      return definition?.type === 'query' && definition.infiniteQueryOptions ? skippedInfiniteSelector : skippedSelector
    }
    return selectQueryByKey(ctx, queryCacheKeyFor(ctx, endpointName, arg), endpointName)
  }
}

export type MutationSelectArg = string | { requestId?: string; fixedCacheKey?: string } | SkipToken

/** `api.endpoints[name].select` for a mutation endpoint: by request id or `fixedCacheKey`. */
export function buildMutationSelect(ctx: ApiContext) {
  return (arg: MutationSelectArg): ((rootState: unknown) => MutationResultSelectorResult) => {
    if (arg === skipToken) return skippedSelector
    const key = typeof arg === 'object' ? (arg.fixedCacheKey ?? arg.requestId) : arg
    if (key === undefined) return skippedSelector
    return createSelector(
      [(rootState: unknown) => tablesOf(selectApiState(ctx, rootState)).mutations.get(key)],
      (entry) => withStatusFlags(entry) as MutationResultSelectorResult,
    )
  }
}

export interface InvalidatedEntry {
  endpointName: string
  originalArgs: unknown
  queryCacheKey: string
}

/** `api.util.selectInvalidatedBy`: the cached entries that `tags` would invalidate. */
export function buildSelectInvalidatedBy(ctx: ApiContext) {
  return (rootState: unknown, tags: readonly TagDescription[]): InvalidatedEntry[] => {
    const tables = tablesOf(selectApiState(ctx, rootState))
    const found: InvalidatedEntry[] = []
    for (const queryCacheKey of keysInvalidatedBy(tables, tags)) {
      const entry = tables.queries.get(queryCacheKey)
      if (entry) found.push({ endpointName: entry.endpointName, originalArgs: entry.originalArgs, queryCacheKey })
    }
    return found
  }
}

/** `api.util.selectCachedArgsForQuery`: the arguments of every cached entry of one endpoint. */
export function buildSelectCachedArgsForQuery(ctx: ApiContext) {
  return (rootState: unknown, endpointName: string): unknown[] => {
    requireDefinition(ctx, endpointName, 'api.util.selectCachedArgsForQuery', 'query')
    const args: unknown[] = []
    tablesOf(selectApiState(ctx, rootState)).queries.forEach((entry) => {
      if (entry.endpointName === endpointName && entry.status !== QueryStatus.uninitialized) {
        args.push(entry.originalArgs)
      }
    })
    return args
  }
}
