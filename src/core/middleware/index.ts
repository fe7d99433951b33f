import type { Middleware, ThunkDispatch, UnknownAction } from '@reduxjs/toolkit'
import { type ApiContext, readRehydrationInfo, selectApiState } from '../apiContext'
import { reportError } from '../errors'
import { tablesOf } from '../state/cacheTables'
import type { QueryActionCreatorResult, StartQueryOptions } from '../types/results'
import { abortOnReset } from './abortOnReset'
import { cacheCollection } from './cacheCollection'
import { invalidationByTags } from './invalidationByTags'
import { createStoreInternals } from './storeInternals'
import type { HandlerContext, MiddlewareHandler } from './types'

type InitiateQuery = (
  endpointName: string,
) => (arg: unknown, options: StartQueryOptions) => (...thunkArgs: any[]) => QueryActionCreatorResult

/** The handlers, in the order they run after the reducer. Adding a behaviour is adding one line. */
const handlers: MiddlewareHandler[] = [abortOnReset, cacheCollection, invalidationByTags]

function isAction(value: unknown): value is UnknownAction {
  return typeof value === 'object' && value !== null && typeof (value as UnknownAction).type === 'string'
}

/**
 * Builds `api.middleware`. Each store that applies it gets its own internals
 * (running requests, timers), created here when the store is built.
 *
 * @internal
 */
export function buildMiddleware(ctx: ApiContext, initiateFor: InitiateQuery): Middleware {
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
      initiateQuery: (endpointName, arg, options) => dispatch(initiateFor(endpointName)(arg, options)),
    }
    let registered = false

    return (next) => (action) => {
      if (!isAction(action)) return next(action)
      if (action.type === ctx.actions.internalsRequested.type) return internals
      if (!registered) {
        registered = true
        dispatch(ctx.actions.middlewareRegistered(ctx.reducerPath))
      }
      const ours = action.type.startsWith(prefix)
      const rehydration = ours ? undefined : readRehydrationInfo(ctx, action)
      if (!ours && rehydration === undefined) return next(action)

      const previousTables = context.currentTables()
      const result = next(action)
      for (const handler of handlers) {
        try {
          handler({ action, previousTables, rehydration }, context)
        } catch (cause) {
          reportError(`A middleware handler (${handler.name}) failed on '${action.type}'; the other handlers still ran.`, cause)
        }
      }
      return result
    }
  }
}
