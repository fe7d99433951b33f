import type { Middleware, ThunkAction, ThunkDispatch, UnknownAction } from '@reduxjs/toolkit'
import type { PatchCollection, Recipe } from '../thunks/cacheUpdates'
import { type ApiContext, readRehydrationInfo, selectApiState } from '../apiContext'
import { reportError, warnInDevelopment } from '../errors'
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
import { createStoreInternals, type StoreInternals, subscriptionAnswer } from './storeInternals'
import type { HandledAction, HandlerContext, MiddlewareHandler } from './types'

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

/** How long subscription changes wait before they are copied into `state.subscriptions` (RTK Query's figure). */
const SUBSCRIPTION_SYNC_MS = 500

/**
 * Builds `api.middleware`. Each store that applies it gets its own internals
 * (subscriptions, running requests, timers), created here when the store is
 * built and registered by the store's dispatch.
 *
 * @internal
 */
export function buildMiddleware(ctx: ApiContext, thunks: MiddlewareThunks): Middleware {
  const { actions } = ctx
  const prefix = `${ctx.reducerPath}/`
  const subscriptionPrefix = `${ctx.reducerPath}/subscriptions/`
  return (store) => {
    const internals = createStoreInternals(true)
    ctx.internalsByDispatch.set(store.dispatch, internals)
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
    const answer = subscriptionAnswer(internals)
    let registered = false

    const runHandlers = (handled: HandledAction) => {
      for (const handler of handlers) {
        try {
          handler(handled, context)
        } catch (cause) {
          reportError(
            `A middleware handler (${handler.name}) failed on '${handled.action.type}'; the other handlers still ran.`,
            cause,
          )
        }
      }
    }
    internals.subscribed = (queryCacheKey, requestId) => {
      const tables = context.currentTables()
      const action = actions.subscriptionAdded({ queryCacheKey, requestId })
      runHandlers({ action, previousTables: tables, rehydration: undefined })
    }

    return (next) => {
      const sync = subscriptionSync(ctx, internals, next)
      internals.subscriptions.onChange = sync.schedule
      return (action) => {
        if (!isAction(action)) return next(action)
        if (action.type === actions.internal_getRTKQSubscriptions.type) return answer
        if (!registered) {
          registered = true
          registerMiddleware(ctx, next, store.getState)
        }
        const ours = action.type.startsWith(prefix) || action.type.startsWith(LISTENER_ACTION_PREFIX)
        const rehydration = ours ? undefined : readRehydrationInfo(ctx, action)
        if (!ours && rehydration === undefined) return next(action)

        const previousTables = context.currentTables()
        if (actions.resetApiState.match(action)) sync.cancel()
        trackSubscriptions(ctx, internals, action)
        // Subscription actions change the middleware's registry only: the
        // reducer sees them later, batched, as `subscriptionsUpdated`.
        const result = action.type.startsWith(subscriptionPrefix) ? action : next(action)
        runHandlers({ action, previousTables, rehydration })
        if (actions.resetApiState.match(action)) registerMiddleware(ctx, next, store.getState)
        return result
      }
    }
  }
}

/** Records `config.middlewareRegistered`, and warns (in development, as RTK Query) when two apis share a reducerPath. */
function registerMiddleware(ctx: ApiContext, next: (action: UnknownAction) => unknown, getState: () => unknown): void {
  next(ctx.actions.middlewareRegistered(ctx.apiUid))
  if (
    process.env.NODE_ENV === 'development' &&
    selectApiState(ctx, getState()).config.middlewareRegistered === 'conflict'
  ) {
    warnInDevelopment(
      `Two apis use the reducerPath '${ctx.reducerPath}' in one store: the reducer there belongs to one, the ` +
        `middleware to another, and requests will fail in odd ways. Give each api its own \`reducerPath\` in createApi.`,
    )
  }
}

/** Keeps the store's subscription registry in step with the action about to reach the reducer. */
function trackSubscriptions(ctx: ApiContext, internals: StoreInternals, action: UnknownAction): void {
  const { actions } = ctx
  const registry = internals.subscriptions
  if (actions.queryPending.match(action)) {
    const { queryCacheKey, subscribe, subscriptionOptions } = action.meta.arg
    if (subscribe) registry.add(queryCacheKey, action.meta.requestId, subscriptionOptions)
    else registry.track(queryCacheKey)
  } else if (actions.unsubscribeQueryResult.match(action)) {
    registry.remove(action.payload.queryCacheKey, action.payload.requestId)
  } else if (actions.updateSubscriptionOptions.match(action)) {
    const { queryCacheKey, requestId, options } = action.payload
    registry.update(queryCacheKey, requestId, options ?? {})
  } else if (actions.removeQueryResult.match(action)) {
    registry.removeKey(action.payload.queryCacheKey)
  } else if (actions.resetApiState.match(action)) {
    registry.clear()
  }
}

/**
 * Copies subscription changes into `state.subscriptions` in one action per
 * burst: after 500 ms in the browser, and at the end of the current task on
 * the server, where no timer may keep a request's store alive.
 */
function subscriptionSync(ctx: ApiContext, internals: StoreInternals, next: (action: UnknownAction) => unknown) {
  let timer: ReturnType<typeof setTimeout> | undefined
  let queued = false
  let generation = 0
  const flush = () => {
    queued = false
    timer = undefined
    const patches = internals.subscriptions.takePatches()
    if (patches.length) next(ctx.actions.subscriptionsUpdated(patches))
  }
  return {
    schedule() {
      if (queued) return
      queued = true
      if (!ctx.isServer) {
        timer = setTimeout(flush, SUBSCRIPTION_SYNC_MS)
        return
      }
      // A resolved promise rather than queueMicrotask, which fake-timer libraries replace.
      const scheduled = generation
      void Promise.resolve().then(() => {
        if (scheduled === generation) flush()
      })
    },
    cancel() {
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
      queued = false
      generation += 1
    },
  }
}
