import type { Reducer, UnknownAction } from '@reduxjs/toolkit'
import type { MutationThunkArg, ProvidedBy, QueryThunkArg, RequestMeta, SubscriptionPatch } from '../actions'
import { type ApiContext, readRehydrationInfo } from '../apiContext'
import type { ApiState, ConfigState } from '../types/state'
import type { TagDescription } from '../types/tags'
import { type CacheTables, createApiState, tablesOf } from './cacheTables'
import { mutationRemoved, mutationSettled, mutationStarted } from './mutationEntries'
import { queryRemoved, querySettled, queryStarted } from './queryEntries'
import { subscriptionsPatched } from './subscriptionEntries'
import { rehydrate } from './rehydrate'
import { recordInvalidation } from './providedIndex'
import { mutationInvalidations } from './mutationInvalidations'
import { entriesUpserted, providedByUpdated, queryPatched } from './cacheUpdates'
import { onFocus, onFocusLost, onOffline, onOnline } from '../setupListeners'

type TableHandler = (tables: CacheTables, action: any, ctx: ApiContext) => CacheTables
type ConfigHandler = (config: ConfigState, action: any) => ConfigState

/**
 * The api's reducer. It is hand-written rather than built with createSlice:
 * createSlice runs every case through Immer, which copies and freezes whole
 * tables. Here each action type maps to one pure function over persistent
 * tables, and unrelated actions cost one map lookup.
 *
 * @internal
 */
export function buildReducer(ctx: ApiContext): Reducer<ApiState> {
  const { actions } = ctx
  const tableHandlers = new Map<string, TableHandler>([
    [actions.queryPending.type, (t, a: { meta: RequestMeta<QueryThunkArg> }) => queryStarted(t, a.meta)],
    [actions.queryFulfilled.type, (t, a, c) => querySettled(t, c, a)],
    [actions.queryRejected.type, (t, a, c) => querySettled(t, c, a)],
    [actions.mutationPending.type, (t, a: { meta: RequestMeta<MutationThunkArg> }) => mutationStarted(t, a.meta)],
    [actions.mutationFulfilled.type, (t, a, c) => mutationInvalidations(mutationSettled(t, a), c, a)],
    [actions.mutationRejected.type, (t, a, c) => mutationInvalidations(mutationSettled(t, a), c, a)],
    [
      actions.subscriptionsUpdated.type,
      (t, { payload }: { payload: SubscriptionPatch[] }) => subscriptionsPatched(t, payload),
    ],
    [
      actions.removeQueryResult.type,
      (t, a: { payload: { queryCacheKey: string } }) => queryRemoved(t, a.payload.queryCacheKey),
    ],
    [actions.removeMutationResult.type, (t, a) => mutationRemoved(t, a.payload)],
    [actions.queryResultPatched.type, (t, a, c) => queryPatched(t, c, a)],
    [actions.updateProvidedBy.type, (t, a: { payload: ProvidedBy[] }) => providedByUpdated(t, a.payload)],
    [actions.cacheEntriesUpserted.type, (t, a, c) => entriesUpserted(t, c, a)],
    [
      actions.invalidateTags.type,
      (t, a: { payload: readonly TagDescription[]; meta?: { timestamp?: number } }) =>
        typeof a.meta?.timestamp === 'number' ? recordInvalidation(t, a.payload, a.meta.timestamp) : t,
    ],
  ])
  const setConfig =
    <K extends 'focused' | 'online'>(field: K, value: boolean): ConfigHandler =>
    (config) =>
      config[field] === value ? config : { ...config, [field]: value }
  const configHandlers = new Map<string, ConfigHandler>([
    [onFocus.type, setConfig('focused', true)],
    [onFocusLost.type, setConfig('focused', false)],
    [onOnline.type, setConfig('online', true)],
    [onOffline.type, setConfig('online', false)],
    [
      actions.middlewareRegistered.type,
      (config, { payload: apiUid }: { payload: string }) => {
        // Another api's middleware registering here means two apis share this reducerPath.
        const registered = config.middlewareRegistered === 'conflict' || apiUid !== ctx.apiUid ? 'conflict' : true
        return config.middlewareRegistered === registered ? config : { ...config, middlewareRegistered: registered }
      },
    ],
  ])

  return (state = ctx.initialState, action: UnknownAction) => {
    if (actions.resetApiState.match(action)) {
      // Configuration is about the environment (online, focused, middleware), not the cache: keep it.
      return createApiState(tablesOf(ctx.initialState), state.config)
    }
    const handleTables = tableHandlers.get(action.type)
    const handleConfig = configHandlers.get(action.type)
    const rehydration = readRehydrationInfo(ctx, action)
    // Unrelated actions: three lookups and no allocation.
    if (!handleTables && !handleConfig && rehydration === undefined) return state
    const previous = tablesOf(state)
    let tables = previous
    if (rehydration !== undefined) tables = rehydrate(tables, rehydration, ctx)
    if (handleTables) tables = handleTables(tables, action, ctx)
    const config = handleConfig ? handleConfig(state.config, action) : state.config
    if (tables === previous && config === state.config) return state
    return createApiState(tables, config)
  }
}
