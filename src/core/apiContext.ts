import type { ApiActions } from './actions'
import { apiSliceError, reportError, warnInDevelopment } from './errors'
import { defaultSerializeQueryArgs } from './defaultSerializeQueryArgs'
import { createApiState, emptyTables } from './state/cacheTables'
import type { BaseQueryFn } from './types/baseQuery'
import type { EndpointDefinition, SerializeQueryArgs } from './types/definitions'
import type { ApiState, ConfigState } from './types/state'
import type { ApiSchemaOptions } from './types/schemas'
import type { StoreInternals } from './middleware/storeInternals'
import type { UnknownAction } from '@reduxjs/toolkit'

export type ExtractRehydrationInfo = (action: UnknownAction, helpers: { reducerPath: string }) => unknown

/**
 * What every part of one api shares: its options, its endpoint registry
 * (which grows with `injectEndpoints`) and its action creators. Nothing here
 * belongs to a store; per-store state lives in the middleware.
 *
 * @internal
 */
export interface ApiContext {
  reducerPath: string
  baseQuery: BaseQueryFn
  definitions: Record<string, EndpointDefinition>
  tagTypes: Set<string>
  actions: ApiActions
  serializeQueryArgs: SerializeQueryArgs
  extractRehydrationInfo: ExtractRehydrationInfo | undefined
  /** True where no removal or polling timers may run. */
  isServer: boolean
  initialConfig: ConfigState
  initialState: ApiState
  /** The cache key of an endpoint and argument (for modules: hooks compare arguments by it). */
  cacheKeyFor: (endpointName: string, queryArgs: unknown) => string
  /** Whether `requestId` still subscribes to `queryCacheKey` in the store of `dispatch` (hooks resubscribe after a reset). */
  isSubscribed: (dispatch: (action: UnknownAction) => unknown, queryCacheKey: string, requestId: string) => boolean
  /** Each store's internals, by the store's dispatch (the middleware registers them when the store is built). */
  internalsByDispatch: WeakMap<object, StoreInternals>
  /** Tells apart two apis that share a reducerPath (`config.middlewareRegistered` becomes 'conflict'). */
  apiUid: string
  /** Whether the first `initiate` has checked for the middleware (RTK Query checks once per api, in development). */
  middlewareChecked: boolean
  /** createApi's schema options (`onSchemaFailure`, `catchSchemaFailure`, `skipSchemaValidation`). */
  schemaOptions: ApiSchemaOptions
}

export function createInitialState(config: ConfigState): ApiState {
  return createApiState(emptyTables, config)
}

/** The definition of `endpointName`, or an error that lists the known endpoints. */
export function requireDefinition(
  ctx: ApiContext,
  endpointName: string,
  caller: string,
  kind?: EndpointDefinition['type'],
): EndpointDefinition {
  const definition = Object.prototype.hasOwnProperty.call(ctx.definitions, endpointName)
    ? ctx.definitions[endpointName]
    : undefined
  if (!definition) {
    const known = Object.keys(ctx.definitions).join(', ') || '(none)'
    throw apiSliceError(
      `${caller} was called with the unknown endpoint '${String(endpointName)}' of the api at '${ctx.reducerPath}'. ` +
        `Known endpoints: ${known}. Define it in createApi's \`endpoints\`, or add it with \`api.injectEndpoints\` first.`,
    )
  }
  if (kind && definition.type !== kind) {
    throw apiSliceError(
      `${caller} needs a ${kind} endpoint, but '${endpointName}' is a ${definition.type}. Use a ${kind} endpoint.`,
    )
  }
  return definition
}

/** The cache key for an endpoint and argument, honouring both forms of `serializeQueryArgs`. */
export function queryCacheKeyFor(ctx: ApiContext, endpointName: string, queryArgs: unknown): string {
  const endpointDefinition = requireDefinition(ctx, endpointName, 'Building a cache key')
  const own = endpointDefinition.type === 'query' ? endpointDefinition.serializeQueryArgs : undefined
  const value = (own ?? ctx.serializeQueryArgs)({ queryArgs, endpointName, endpointDefinition })
  if (typeof value === 'string') return value
  // A value that is not a key yet becomes one the default way, as in RTK Query.
  return defaultSerializeQueryArgs({ queryArgs: value, endpointName, endpointDefinition })
}

const warnedMissingReducer = new WeakSet<ApiContext>()

/** The api's state in a root state; the initial state (and one error) when the reducer is missing. */
export function selectApiState(ctx: ApiContext, rootState: unknown): ApiState {
  const slice = (rootState as Record<string, ApiState | undefined> | undefined)?.[ctx.reducerPath]
  if (slice) return slice
  if (process.env.NODE_ENV !== 'production' && !warnedMissingReducer.has(ctx)) {
    warnedMissingReducer.add(ctx)
    reportError(
      `No state found at \`state.${ctx.reducerPath}\`. Add the api's reducer to the store: ` +
        `configureStore({ reducer: { [api.reducerPath]: api.reducer } }).`,
    )
  }
  return ctx.initialState
}

const warnedActions = new WeakSet<object>()

/**
 * Calls the user's `extractRehydrationInfo`. A function that throws on a
 * malformed action (say `action.payload[reducerPath]` with a null payload)
 * must not break the store, so the error is reported and the action ignored.
 * Returns undefined when there is nothing to rehydrate; anything else
 * (including null) is rehydration info, checked by `rehydrate`.
 */
export function readRehydrationInfo(ctx: ApiContext, action: UnknownAction): unknown {
  if (!ctx.extractRehydrationInfo) return undefined
  try {
    return ctx.extractRehydrationInfo(action, { reducerPath: ctx.reducerPath })
  } catch (cause) {
    // The reducer and the middleware both read each action: warn once.
    if (process.env.NODE_ENV !== 'production' && !warnedActions.has(action)) {
      warnedActions.add(action)
      warnInDevelopment(
        `\`extractRehydrationInfo\` threw for '${action.type}', so that action was not rehydrated: ${(cause as Error)?.message}. ` +
          `Check the action's payload before reading from it.`,
      )
    }
    return undefined
  }
}
