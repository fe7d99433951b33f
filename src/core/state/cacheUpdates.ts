import { cacheImmer } from '../cacheImmer'
import type { ProvidedBy, QueryPatch, UpsertedEntry } from '../actions'
import type { ApiContext } from '../apiContext'
import { copyWithStructuralSharing } from '../copyWithStructuralSharing'
import { QueryStatus } from '../queryStatus'
import { resolveTags } from '../tagResolution'
import type { QuerySubState } from '../types/state'
import type { CacheTables } from './cacheTables'
import { setProvidedTags } from './providedIndex'

/** Pure transitions for manual cache updates (`patchQueryData`, `upsertQueryEntries`). @internal */

/** The tags an entry provides for its current data (manual updates have no base query meta). @internal */
export function providedBy(ctx: ApiContext, entry: QuerySubState): ReturnType<typeof resolveTags> {
  const definition = ctx.definitions[entry.endpointName]
  return resolveTags({
    description: definition?.type === 'query' ? (definition.providesTags as never) : undefined,
    result: entry.data,
    error: undefined,
    arg: entry.originalArgs,
    meta: undefined,
    tagTypes: ctx.tagTypes,
    endpointName: entry.endpointName,
  })
}

export function queryPatched(
  tables: CacheTables,
  ctx: ApiContext,
  action: { payload: QueryPatch; meta: { base?: unknown; result?: unknown } },
): CacheTables {
  const { queryCacheKey, patches } = action.payload
  const entry = tables.queries.get(queryCacheKey)
  if (!entry || entry.status === QueryStatus.uninitialized || !patches.length) return tables
  // Immer only on this entry's data, and only when the thunk's result no longer fits.
  const data =
    action.meta.base !== undefined && action.meta.base === entry.data
      ? action.meta.result
      : cacheImmer.applyPatches(entry.data as object, patches as never)
  return { ...tables, queries: tables.queries.set(queryCacheKey, { ...entry, data }) }
}

/** Sets the tags of each listed cache key that is still cached. */
export function providedByUpdated(tables: CacheTables, updates: readonly ProvidedBy[]): CacheTables {
  let next = tables
  for (const { queryCacheKey, providedTags } of updates) {
    if (next.queries.has(queryCacheKey)) next = setProvidedTags(next, queryCacheKey, providedTags)
  }
  return next
}

export function entriesUpserted(
  tables: CacheTables,
  ctx: ApiContext,
  action: { payload: readonly UpsertedEntry[]; meta: { requestId: string; timestamp: number } },
): CacheTables {
  const { requestId, timestamp } = action.meta
  const written: [string, QuerySubState][] = []
  for (const { queryDescription, value } of action.payload) {
    const { queryCacheKey, endpointName, originalArgs } = queryDescription
    const definition = ctx.definitions[endpointName]
    const structuralSharing = definition?.type !== 'query' || definition.structuralSharing !== false
    const existing = tables.queries.get(queryCacheKey)
    const previous = structuralSharing ? existing : undefined
    written.push([
      queryCacheKey,
      {
        status: QueryStatus.fulfilled,
        endpointName,
        // An entry's own request id stays, so a request still running lands (RTK Query's rule).
        requestId: existing?.requestId ?? requestId,
        ...(originalArgs !== undefined && { originalArgs }),
        data: previous ? copyWithStructuralSharing(previous.data, value) : value,
        startedTimeStamp: timestamp,
        fulfilledTimeStamp: timestamp,
      },
    ])
  }
  // One batched write for all entries: each table node is copied once.
  let next: CacheTables = { ...tables, queries: tables.queries.setMany(written) }
  for (const { queryDescription, providedTags } of action.payload) {
    const { queryCacheKey } = queryDescription
    if (providedTags.length || next.providedKeys.has(queryCacheKey)) {
      next = setProvidedTags(next, queryCacheKey, providedTags)
    }
  }
  return next
}
