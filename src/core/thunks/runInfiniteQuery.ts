import type { QueryThunkArg } from '../actions'
import type { ApiContext } from '../apiContext'
import { addPage, hasPage, isInfiniteData, nextPageParam, previousPageParam } from '../infinitePages'
import type { BaseQueryApi } from '../types/baseQuery'
import type { InfiniteData, InfiniteQueryDefinition } from '../types/infinite'
import { type EndpointOutcome, runEndpoint } from './runEndpoint'

/**
 * Runs one request of an infinite query: the first page, the next or
 * previous page, or (with no direction and cached pages) a refetch of the
 * cached pages in order, each param recomputed from the pages fetched so far.
 * The outcome's data is the whole `{ pages, pageParams }`.
 *
 * @internal
 */
export async function runInfiniteQuery(params: {
  ctx: ApiContext
  definition: InfiniteQueryDefinition
  thunkArg: QueryThunkArg
  api: BaseQueryApi
  cached: unknown
}): Promise<EndpointOutcome> {
  const { ctx, definition, thunkArg, api } = params
  const options = definition.infiniteQueryOptions
  const queryArg = thunkArg.originalArgs
  const fetchPage = (pageParam: unknown) =>
    runEndpoint({ ctx, definition: definition as never, arg: { queryArg, pageParam }, api })
  const cached = isInfiniteData(params.cached) && params.cached.pages.length ? params.cached : undefined

  if (!cached) {
    const pageParam = thunkArg.initialPageParam ?? options.initialPageParam
    const outcome = await fetchPage(pageParam)
    if (!outcome.ok) return outcome
    return { ok: true, data: { pages: [outcome.data], pageParams: [pageParam] }, meta: outcome.meta }
  }

  if (thunkArg.direction) {
    const forward = thunkArg.direction === 'forward'
    const pageParam = forward ? nextPageParam(options, cached, queryArg) : previousPageParam(options, cached, queryArg)
    // No further page that way: the data stays as it is.
    if (!hasPage(pageParam)) return { ok: true, data: cached, meta: undefined }
    const outcome = await fetchPage(pageParam)
    if (!outcome.ok) return outcome
    const data = addPage(cached, outcome.data, pageParam, thunkArg.direction, options.maxPages)
    return { ok: true, data, meta: outcome.meta }
  }

  const count = options.refetchCachedPages === false ? 1 : cached.pages.length
  let data: InfiniteData<unknown, unknown> = { pages: [], pageParams: [] }
  let meta: unknown
  for (let index = 0; index < count; index++) {
    const pageParam = index === 0 ? cached.pageParams[0] : nextPageParam(options, data, queryArg)
    if (!hasPage(pageParam)) break
    const outcome = await fetchPage(pageParam)
    if (!outcome.ok) return outcome
    data = addPage(data, outcome.data, pageParam, 'forward', undefined)
    meta = outcome.meta
  }
  return { ok: true, data, meta }
}
