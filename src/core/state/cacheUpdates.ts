import { cacheImmer } from '../cacheImmer'
import type { QueryPatch, UpsertedEntry } from '../actions'
import type { ApiContext } from '../apiContext'
import { copyWithStructuralSharing } from '../copyWithStructuralSharing'
import { QueryStatus } from '../queryStatus'
import { resolveTags } from '../tagResolution'
import type { QuerySubState } from '../types/state'
import type { CacheTables } from './cacheTables'
import { setProvidedTags } from './providedIndex'

/** Pure transitions for manual cache updates (`patchQueryData`, `upsertQueryEntries`). @internal */

function providedBy(ctx: ApiContext, entry: QuerySubState): ReturnType<typeof resolveTags> {
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
  const { queryCacheKey, patches, updateProvided } = action.payload
  const entry = tables.queries.get(queryCacheKey)
  if (!entry || entry.status === QueryStatus.uninitialized || !patches.length) return tables
  // Immer only on this entry's data, and only when the thunk's result no longer fits.
  const data =
    action.meta.base !== undefined && action.meta.base === entry.data
      ? action.meta.result
      : cacheImmer.applyPatches(entry.data as object, patches as never)
  const updated = { ...entry, data }
  const next = { ...tables, queries: tables.queries.set(queryCacheKey, updated) }
  return updateProvided ? setProvidedTags(next, queryCacheKey, providedBy(ctx, updated)) : next
}

export function entriesUpserted(
  tables: CacheTables,
  ctx: ApiContext,
  action: { payload: UpsertedEntry[]; meta: { requestId: string; timestamp: number } },
): CacheTables {
  const { requestId, timestamp } = action.meta
  const written: [string, QuerySubState][] = []
  for (const { queryCacheKey, endpointName, arg, value } of action.payload) {
    const definition = ctx.definitions[endpointName]
    const structuralSharing = definition?.type !== 'query' || definition.structuralSharing !== false
    const previous = structuralSharing ? tables.queries.get(queryCacheKey) : undefined
    written.push([
      queryCacheKey,
      {
        status: QueryStatus.fulfilled,
        endpointName,
        requestId,
        ...(arg !== undefined && { originalArgs: arg }),
        data: previous ? copyWithStructuralSharing(previous.data, value) : value,
        startedTimeStamp: timestamp,
        fulfilledTimeStamp: timestamp,
      },
    ])
  }
  // One batched write for all entries: each table node is copied once.
  let next: CacheTables = { ...tables, queries: tables.queries.setMany(written) }
  for (const [queryCacheKey, entry] of written) {
    const definition = ctx.definitions[entry.endpointName]
    const provides = definition?.type === 'query' && definition.providesTags !== undefined
    if (provides || next.providedKeys.has(queryCacheKey)) {
      next = setProvidedTags(next, queryCacheKey, providedBy(ctx, entry))
    }
  }
  return next
}
