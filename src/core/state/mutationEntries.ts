import type { MutationThunkArg, RequestMeta } from '../actions'
import { QueryStatus } from '../queryStatus'
import type { CacheTables } from './cacheTables'
import type { MutationSubState } from '../types/state'
import { withoutError } from './queryEntries'

/** Pure transitions of mutation entries, keyed by `fixedCacheKey` or request id. @internal */

function keyOf(arg: { fixedCacheKey?: string }, requestId: string): string {
  return arg.fixedCacheKey ?? requestId
}

export function mutationStarted(tables: CacheTables, meta: RequestMeta<MutationThunkArg>): CacheTables {
  if (!meta.arg.track) return tables
  const key = keyOf(meta.arg, meta.requestId)
  const entry: MutationSubState = {
    status: QueryStatus.pending,
    endpointName: meta.arg.endpointName,
    requestId: meta.requestId,
    startedTimeStamp: meta.startedTimeStamp,
  }
  if (meta.arg.originalArgs !== undefined) entry.originalArgs = meta.arg.originalArgs
  const mutations = tables.mutations.set(key, entry)
  return { ...tables, mutations }
}

export function mutationSettled(
  tables: CacheTables,
  action: { payload: unknown; meta: RequestMeta<MutationThunkArg>; error?: unknown },
): CacheTables {
  const { meta } = action
  if (!meta.arg.track) return tables
  const key = keyOf(meta.arg, meta.requestId)
  const entry = tables.mutations.get(key)
  // Reset meanwhile, or a newer mutation with the same fixedCacheKey owns the entry.
  if (!entry || entry.requestId !== meta.requestId) return tables
  const updated =
    meta.requestStatus === 'fulfilled'
      ? {
          ...withoutError(entry),
          status: QueryStatus.fulfilled,
          data: action.payload,
          fulfilledTimeStamp: meta.fulfilledTimeStamp,
        }
      : { ...entry, status: QueryStatus.rejected, error: action.payload ?? action.error }
  return { ...tables, mutations: tables.mutations.set(key, updated) }
}

export function mutationRemoved(
  tables: CacheTables,
  payload: { requestId?: string; fixedCacheKey?: string },
): CacheTables {
  const key = payload.fixedCacheKey ?? payload.requestId
  if (key === undefined) return tables
  const entry = tables.mutations.get(key)
  // With a fixedCacheKey, only the request that owns the entry may clear it.
  if (
    !entry ||
    (payload.fixedCacheKey !== undefined && payload.requestId !== undefined && entry.requestId !== payload.requestId)
  ) {
    return tables
  }
  return { ...tables, mutations: tables.mutations.delete(key) }
}
