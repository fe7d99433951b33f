import type { QueryThunkArg, RequestMeta } from '../actions'
import { cacheImmer } from '../cacheImmer'
import type { ApiContext } from '../apiContext'
import { copyWithStructuralSharing } from '../copyWithStructuralSharing'
import { QueryStatus } from '../queryStatus'
import { resolveTags } from '../tagResolution'
import type { AnyQueryDefinition } from '../types/definitions'
import type { QuerySubState } from '../types/state'
import type { CacheTables } from './cacheTables'
import { removeProvidedTags, setProvidedTags } from './providedIndex'

/**
 * Pure transitions of query cache entries. Each returns the same tables when
 * nothing changes, so the reducer can return the same state.
 *
 * @internal
 */

export function queryStarted(tables: CacheTables, meta: RequestMeta<QueryThunkArg>): CacheTables {
  const { queryCacheKey, endpointName, originalArgs } = meta.arg
  const previous = tables.queries.get(queryCacheKey)
  // An upsert into an entry that has a request keeps its status and request
  // id: nothing is loading, and a request still running may yet land (RTK
  // Query's rule).
  const keepRequest = meta.arg.upsert && previous?.requestId !== undefined
  const entry: QuerySubState = {
    ...previous,
    status: keepRequest ? previous!.status : QueryStatus.pending,
    endpointName,
    requestId: keepRequest ? previous!.requestId : meta.requestId,
    startedTimeStamp: meta.startedTimeStamp,
  }
  // Fields are left out rather than set to undefined: Next.js rejects
  // `undefined` in page props, and RTK Query leaves them out too.
  if (originalArgs !== undefined) entry.originalArgs = originalArgs
  // Infinite queries remember which way the running request goes (for isFetchingNextPage & co).
  if (meta.arg.infinite) {
    if (meta.arg.direction) entry.direction = meta.arg.direction
    else delete entry.direction
  }
  return { ...tables, queries: tables.queries.set(queryCacheKey, entry) }
}

function queryDefinition(ctx: ApiContext, endpointName: string): AnyQueryDefinition | undefined {
  const definition = ctx.definitions[endpointName]
  return definition?.type === 'query' ? definition : undefined
}

function nextData(
  definition: AnyQueryDefinition | undefined,
  entry: QuerySubState,
  payload: unknown,
  meta: RequestMeta<QueryThunkArg>,
): unknown {
  if (definition?.merge && entry.data !== undefined) {
    const merge = definition.merge
    // Immer runs on this one entry's data only, for the user's recipe.
    return cacheImmer.produce(entry.data, (draft: unknown) =>
      merge(draft, payload, {
        arg: meta.arg.originalArgs,
        baseQueryMeta: meta.baseQueryMeta,
        requestId: meta.requestId,
        fulfilledTimeStamp: meta.fulfilledTimeStamp as number,
      }),
    )
  }
  if (definition?.structuralSharing === false) return payload
  return copyWithStructuralSharing(entry.data, payload)
}

/** The entry without its `error` field (a success clears it; leaving `error: undefined` would not serialize cleanly). */
export function withoutError<T extends { error?: unknown }>(entry: T): T {
  if (!('error' in entry)) return entry
  const { error: _cleared, ...rest } = entry
  return rest as T
}

export function querySettled(
  tables: CacheTables,
  ctx: ApiContext,
  action: { payload: unknown; meta: RequestMeta<QueryThunkArg>; error?: unknown },
): CacheTables {
  const { meta } = action
  const { queryCacheKey, endpointName, originalArgs } = meta.arg
  const entry = tables.queries.get(queryCacheKey)
  // The entry was removed or reset, or a newer request owns it: this result
  // lost the race. An upsert's value always lands.
  if (!entry || (entry.requestId !== meta.requestId && !meta.arg.upsert)) return tables
  const definition = queryDefinition(ctx, endpointName)
  const fulfilled = meta.requestStatus === 'fulfilled'
  const updated: QuerySubState = fulfilled
    ? {
        ...withoutError(entry),
        status: QueryStatus.fulfilled,
        data: nextData(definition, entry, action.payload, meta),
        fulfilledTimeStamp: meta.fulfilledTimeStamp,
      }
    : { ...entry, status: QueryStatus.rejected, error: action.payload ?? action.error }
  let next: CacheTables = { ...tables, queries: tables.queries.set(queryCacheKey, updated) }
  // Thrown errors provide no tags (as in RTK Query); results and `{ error }` do.
  if ((fulfilled || meta.rejectedWithValue) && (definition?.providesTags || next.providedKeys.has(queryCacheKey))) {
    const tags = resolveTags({
      description: definition?.providesTags as never,
      result: fulfilled ? updated.data : undefined,
      error: fulfilled ? undefined : action.payload,
      arg: originalArgs,
      meta: meta.baseQueryMeta,
      tagTypes: ctx.tagTypes,
      endpointName,
    })
    next = setProvidedTags(next, queryCacheKey, tags)
  }
  return next
}

export function queryRemoved(tables: CacheTables, queryCacheKey: string): CacheTables {
  if (!tables.queries.has(queryCacheKey)) return tables
  return removeProvidedTags({ ...tables, queries: tables.queries.delete(queryCacheKey) }, queryCacheKey)
}
