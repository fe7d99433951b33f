import type { Middleware, ThunkAction, ThunkDispatch, UnknownAction } from '@reduxjs/toolkit'
import type { PatchCollection, Recipe } from '../thunks/cacheUpdates'
import { type ApiContext, readRehydrationInfo, selectApiState } from '../apiContext'
import { reportError } from '../errors'
import { tablesOf } from '../state/cacheTables'
import type { QueryActionCreatorResult, StartQueryOptions } from '../types/results'
import { abortOnReset } from './abortOnReset'
import { cacheCollection } from './cacheCollection'
import { invalidationByTags } from './invalidationByTags'
import { queryLifecycle } from './queryLifecycle'
import { cacheLifecycle } from './cacheLifecycle'
import { polling } from './polling'
import { windowEventHandling } from './windowEventHandling'
import { LISTENER_ACTION_PREFIX } from '../setupListeners'
import { createStoreInternals } from './storeInternals'
import type { HandlerContext, MiddlewareHandler } from './types'

type Thunk<T> = ThunkAction<T, unknown, unknown, UnknownAction>

/** The api's own thunks that handlers dispatch. */
export interface MiddlewareThunks {
  initiateFor: (endpointName: string) => (arg: unknown, options: StartQueryOptions) => Thunk<QueryActionCreatorResult>
  updateQueryData: (endpointName: string, arg: unknown, recipe: Recipe<any>) => Thunk<PatchCollection>
}

/** The handlers, in the order they run after the reducer. Adding a behaviour is adding one line. */
const handlers: MiddlewareHandler[] = [
  abortOnReset,
  cacheCollection,
  invalidationByTags,
  polling,
  windowEventHandling,
  // An entry's lifecycle starts before the lifecycle of the request that adds it, as in RTK Query.
  cacheLifecycle,
  queryLifecycle,
]

function isAction(value: unknown): value is UnknownAction {
  return typeof value === 'object' && value !== null && typeof (value as UnknownAction).type === 'string'
}

/**
 * Builds `api.middleware`. Each store that applies it gets its own internals
 * (running requests, timers), created here when the store is built.
 *
 * @internal
 */
export function buildMiddleware(ctx: ApiContext, thunks: MiddlewareThunks): Middleware {
  const prefix = `${ctx.reducerPath}/`
  return (store) => {
    const internals = createStoreInternals()
    const dispatch = store.dispatch as ThunkDispatch<unknown, unknown, UnknownAction>
    const context: HandlerContext = {
      ctx,
      internals,
      dispatch,
      getState: store.getState,
      currentTables: () => tablesOf(selectApiState(ctx, store.getState())),
      currentConfig: () => selectApiState(ctx, store.getState()).config,
      initiateQuery: (endpointName, arg, options) => dispatch(thunks.initiateFor(endpointName)(arg, options)),
      updateQueryData: (endpointName, arg, recipe) => dispatch(thunks.updateQueryData(endpointName, arg, recipe)),
      extra: () => dispatch((_dispatch, _getState, extra) => extra),
    }
    let registered = false

    return (next) => (action) => {
      if (!isAction(action)) return next(action)
      if (action.type === ctx.actions.internalsRequested.type) return internals
      if (!registered) {
        registered = true
        dispatch(ctx.actions.middlewareRegistered(ctx.reducerPath))
      }
      const ours = action.type.startsWith(prefix) || action.type.startsWith(LISTENER_ACTION_PREFIX)
      const rehydration = ours ? undefined : readRehydrationInfo(ctx, action)
      if (!ours && rehydration === undefined) return next(action)

      const previousTables = context.currentTables()
      const result = next(action)
      for (const handler of handlers) {
        try {
          handler({ action, previousTables, rehydration }, context)
        } catch (cause) {
          reportError(
            `A middleware handler (${handler.name}) failed on '${action.type}'; the other handlers still ran.`,
            cause,
          )
        }
      }
      return result
    }
  }
}
