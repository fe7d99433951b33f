import { enablePatches, type Patch } from 'immer'
import { cacheImmer } from '../cacheImmer'
import type { ThunkAction, UnknownAction } from '@reduxjs/toolkit'
import { type ApiContext, queryCacheKeyFor, requireDefinition, selectApiState } from '../apiContext'
import { QueryStatus } from '../queryStatus'
import { tablesOf } from '../state/cacheTables'
import { providedBy } from '../state/cacheUpdates'
import type { QueryActionCreatorResult } from '../types/results'
import type { InternalStartQueryOptions } from './initiateQuery'

type Thunk<T> = ThunkAction<T, unknown, unknown, UnknownAction>
type InitiateFor = (
  endpointName: string,
) => (arg: unknown, options?: InternalStartQueryOptions) => Thunk<QueryActionCreatorResult>

/** What `updateQueryData` returns: the patches it applied and a way to revert them. */
export interface PatchCollection {
  patches: Patch[]
  inversePatches: Patch[]
  /** Applies the inverse patches (for optimistic updates that failed). */
  undo: () => void
}

/** A user's Immer recipe: mutate the draft, or return a replacement. */
export type Recipe<T> = (draft: T) => T | void

/**
 * `api.util.updateQueryData`, `patchQueryData`, `upsertQueryData` and
 * `upsertQueryEntries`. Immer runs only on the one entry a recipe changes.
 *
 * @internal
 */
export function buildCacheUpdates(ctx: ApiContext, initiateFor: InitiateFor) {
  const patchQueryData =
    (endpointName: string, arg: unknown, patches: readonly Patch[], updateProvided = false): Thunk<void> =>
    (dispatch) => {
      requireDefinition(ctx, endpointName, 'api.util.patchQueryData', 'query')
      const queryCacheKey = queryCacheKeyFor(ctx, endpointName, arg)
      dispatch(ctx.actions.queryResultPatched({ queryCacheKey, patches }))
      if (updateProvided) dispatch(providedTagsOf(queryCacheKey))
    }

  /** The `updateProvidedBy` action for an entry's tags as its data is now (RTK Query dispatches it apart). */
  const providedTagsOf =
    (queryCacheKey: string): Thunk<void> =>
    (dispatch, getState) => {
      const entry = tablesOf(selectApiState(ctx, getState())).queries.get(queryCacheKey)
      if (entry) dispatch(ctx.actions.updateProvidedBy([{ queryCacheKey, providedTags: providedBy(ctx, entry) }]))
    }

  const updateQueryData =
    (endpointName: string, arg: unknown, recipe: Recipe<any>, updateProvided = true): Thunk<PatchCollection> =>
    (dispatch, getState) => {
      requireDefinition(ctx, endpointName, 'api.util.updateQueryData', 'query')
      const queryCacheKey = queryCacheKeyFor(ctx, endpointName, arg)
      const entry = tablesOf(selectApiState(ctx, getState())).queries.get(queryCacheKey)
      const collection: PatchCollection = {
        patches: [],
        inversePatches: [],
        undo: () => dispatch(patchQueryData(endpointName, arg, collection.inversePatches, updateProvided)),
      }
      // No data yet (missing, or still loading its first data): nothing to
      // update. upsertQueryData creates entries.
      if (!entry || entry.status === QueryStatus.uninitialized || entry.data === undefined) return collection
      enablePatches()
      const [result, patches, inversePatches] = cacheImmer.produceWithPatches(entry.data, recipe)
      collection.patches = patches
      collection.inversePatches = inversePatches
      if (patches.length) {
        dispatch(ctx.actions.queryResultPatched({ queryCacheKey, patches }, entry.data, result))
        if (updateProvided) dispatch(providedTagsOf(queryCacheKey))
      }
      return collection
    }

  const upsertQueryData =
    (endpointName: string, arg: unknown, value: unknown): Thunk<QueryActionCreatorResult> =>
    (dispatch) => {
      requireDefinition(ctx, endpointName, 'api.util.upsertQueryData', 'query')
      return dispatch(initiateFor(endpointName)(arg, { subscribe: false, forceRefetch: true, upsert: { value } }))
    }

  /** An action creator (with `.match`), as in RTK Query. */
  const upsertQueryEntries = ctx.actions.cacheEntriesUpserted

  return { patchQueryData, updateQueryData, upsertQueryData, upsertQueryEntries }
}
