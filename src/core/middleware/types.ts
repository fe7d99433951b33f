import type { MiddlewareAPI, ThunkDispatch, UnknownAction } from '@reduxjs/toolkit'
import type { ApiContext } from '../apiContext'
import type { CacheTables } from '../state/cacheTables'
import type { ConfigState } from '../types/state'
import type { QueryActionCreatorResult, StartQueryOptions } from '../types/results'
import type { StoreInternals } from './storeInternals'
import type { PatchCollection, Recipe } from '../thunks/cacheUpdates'

/** What every middleware handler receives. @internal */
export interface HandlerContext {
  ctx: ApiContext
  internals: StoreInternals
  dispatch: ThunkDispatch<unknown, unknown, UnknownAction>
  getState: MiddlewareAPI['getState']
  /** The tables as they are now, after the reducer ran. */
  currentTables: () => CacheTables
  currentConfig: () => ConfigState
  /** The thunk middleware's extra argument. */
  extra: () => unknown
  /** `api.util.updateQueryData`, dispatched. */
  updateQueryData: (endpointName: string, arg: unknown, recipe: Recipe<any>) => PatchCollection
  /** Starts a query through its public `initiate`, so refetches follow the same rules as any dispatch. */
  initiateQuery: (endpointName: string, arg: unknown, options: StartQueryOptions) => QueryActionCreatorResult
}

export interface HandledAction {
  action: UnknownAction
  /** The api's tables before the reducer ran. */
  previousTables: CacheTables
  /** The api's part of a rehydration action, when this action is one. */
  rehydration: unknown
}

/**
 * One concern of the middleware (cache collection, invalidation, …). Handlers
 * run in order after the reducer, and each file holds one.
 *
 * @internal
 */
export type MiddlewareHandler = (handled: HandledAction, context: HandlerContext) => void
