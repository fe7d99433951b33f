import type { Reducer, UnknownAction } from '@reduxjs/toolkit'
import type { MutationThunkArg, QueryThunkArg, RequestMeta, SubscriptionChange } from '../actions'
import { type ApiContext, readRehydrationInfo } from '../apiContext'
import type { ApiState, ConfigState } from '../types/state'
import { type CacheTables, createApiState, tablesOf } from './cacheTables'
import { mutationRemoved, mutationSettled, mutationStarted } from './mutationEntries'
import {
  addSubscriber,
  queryRemoved,
  querySettled,
  queryStarted,
  removeSubscriber,
  updateSubscriber,
} from './queryEntries'
import { rehydrate } from './rehydrate'
import { recordInvalidation } from './providedIndex'
import { entriesUpserted, queryPatched } from './cacheUpdates'
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
    [actions.mutationFulfilled.type, (t, a) => mutationSettled(t, a)],
    [actions.mutationRejected.type, (t, a) => mutationSettled(t, a)],
    [
      actions.subscriptionAdded.type,
      (t, { payload: p }: { payload: SubscriptionChange }) =>
        addSubscriber(t, p.queryCacheKey, p.requestId, p.options ?? {}),
    ],
    [
      actions.updateSubscriptionOptions.type,
      (t, { payload: p }: { payload: SubscriptionChange }) =>
        updateSubscriber(t, p.queryCacheKey, p.requestId, p.options ?? {}),
    ],
    [
      actions.unsubscribeQueryResult.type,
      (t, { payload: p }: { payload: SubscriptionChange }) => removeSubscriber(t, p.queryCacheKey, p.requestId),
    ],
    [
      actions.removeQueryResult.type,
      (t, a: { payload: { queryCacheKey: string } }) => queryRemoved(t, a.payload.queryCacheKey),
    ],
    [actions.removeMutationResult.type, (t, a) => mutationRemoved(t, a.payload)],
    [actions.queryResultPatched.type, (t, a, c) => queryPatched(t, c, a)],
    [actions.cacheEntriesUpserted.type, (t, a, c) => entriesUpserted(t, c, a)],
    [actions.tagsInvalidated.type, (t, a) => recordInvalidation(t, a.payload.tags, a.payload.timestamp)],
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
      (config) => (config.middlewareRegistered ? config : { ...config, middlewareRegistered: true }),
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
