import type { ThunkAction, UnknownAction } from '@reduxjs/toolkit'
import { nextRequestId } from '../requestIds'
import type { QueryThunkArg, RequestMeta } from '../actions'
import { type ApiContext, queryCacheKeyFor, requireDefinition, selectApiState } from '../apiContext'
import { reportError, serializeError } from '../errors'
import {
  checkMiddleware,
  type RunningRequest,
  storeInternalsFor,
  type StoreInternals,
} from '../middleware/storeInternals'
import { QueryStatus } from '../queryStatus'
import { readQueryResult } from '../selectors'
import { tablesOf } from '../state/cacheTables'
import type { AnyQueryDefinition } from '../types/definitions'
import { runInfiniteQuery } from './runInfiniteQuery'
import { settledAction } from './settledAction'
import type { BaseQueryApi } from '../types/baseQuery'
import type { QueryActionCreatorResult, QueryResultSelectorResult, StartQueryOptions } from '../types/results'
import type { QuerySubState } from '../types/state'
import { abortedOutcome, RequestAbort, RequestApi } from './requestAbort'
import { type EndpointOutcome, runEndpoint } from './runEndpoint'

type QueryThunk = ThunkAction<QueryActionCreatorResult, unknown, unknown, UnknownAction>

/** `initiate`'s options plus what `upsertQueryData` passes: a value to store instead of running a request. @internal */
export interface InternalStartQueryOptions extends StartQueryOptions {
  upsert?: { value: unknown }
}

function isForced(refetch: boolean | number | undefined, entry: QuerySubState | undefined): boolean {
  if (refetch === true) return true
  if (typeof refetch !== 'number' || !refetch) return false
  const fulfilled = entry?.fulfilledTimeStamp
  return fulfilled !== undefined && (Date.now() - fulfilled) / 1000 >= refetch
}

/** `forceRefetch`, else the api's `refetchOnMountOrArgChange` for subscribing dispatches. */
function refetchRule(ctx: ApiContext, options: StartQueryOptions): boolean | number | undefined {
  return options.forceRefetch ?? (options.subscribe !== false && ctx.initialConfig.refetchOnMountOrArgChange)
}

/** RTK Query's rules for whether a dispatch starts a request or reuses the entry. */
function needsRequest(params: {
  ctx: ApiContext
  definition: AnyQueryDefinition
  entry: QuerySubState | undefined
  running: boolean
  arg: unknown
  options: StartQueryOptions
  rootState: unknown
}): boolean {
  const { entry, definition, options } = params
  if (!entry || entry.status === QueryStatus.uninitialized) return true
  // A pending entry with no running request (for example from a preloaded
  // state) would otherwise never settle.
  if (entry.status === QueryStatus.pending) return !params.running
  if (isForced(refetchRule(params.ctx, options), entry)) return true
  // Fetching the next or previous page of an infinite query always needs a request.
  if (options.direction && definition.infiniteQueryOptions) return true
  const forced = definition.forceRefetch?.({
    currentArg: params.arg,
    previousArg: entry.originalArgs,
    state: params.rootState,
    endpointState: entry,
  })
  if (forced) return true
  return entry.fulfilledTimeStamp === undefined
}

type StartRequestParams = Parameters<typeof startRequest>[0]

/** Runs the endpoint: one request, or the page logic of an infinite query. */
function runRequest(params: StartRequestParams, api: BaseQueryApi): Promise<EndpointOutcome> {
  const { definition, thunkArg } = params
  if (definition.infiniteQueryOptions) {
    return runInfiniteQuery({ ctx: params.ctx, definition, thunkArg, api, cached: params.cachedData })
  }
  return runEndpoint({ ctx: params.ctx, definition, arg: thunkArg.originalArgs, api })
}

function startRequest(params: {
  ctx: ApiContext
  internals: StoreInternals
  definition: AnyQueryDefinition
  thunkArg: QueryThunkArg
  requestId: string
  upsert: { value: unknown } | undefined
  /** Whether `forceRefetch` or `refetchOnMountOrArgChange` asked for this request. */
  forced: boolean
  /** The entry's data when the request starts (infinite queries build on it). */
  cachedData: unknown
  dispatch: (action: UnknownAction) => unknown
  getState: () => unknown
  extra: unknown
}): RunningRequest<unknown> {
  const { ctx, internals, thunkArg, requestId, dispatch } = params
  const requestAbort = new RequestAbort()
  const meta: RequestMeta<QueryThunkArg> = {
    arg: thunkArg,
    requestId,
    requestStatus: 'pending',
    startedTimeStamp: Date.now(),
  }
  const abort = (reason?: string) => requestAbort.abort(reason)
  // Registered before `pending` is dispatched, so middleware handlers that
  // react to `pending` already see this request as running.
  const api = new RequestApi(requestAbort, {
    dispatch: dispatch as never,
    getState: params.getState,
    extra: params.extra,
    endpoint: thunkArg.endpointName,
    type: 'query',
    forced: params.forced,
    queryCacheKey: thunkArg.queryCacheKey,
  })
  const running: RunningRequest<unknown> = { requestId, abort, settled: Promise.resolve() }
  // An upsert is not a request others should join: a request already running
  // for the key stays the running one, and its result still lands (RTK Query's rule).
  if (!params.upsert) internals.runningQueries.set(thunkArg.queryCacheKey, running)
  dispatch(ctx.actions.queryPending(meta))
  const outcome: Promise<EndpointOutcome> = params.upsert
    ? Promise.resolve({ ok: true, data: params.upsert.value, meta: undefined })
    : requestAbort.race(runRequest(params, api), abortedOutcome)
  running.settled = outcome
    .then((result) => {
      if (internals.runningQueries.get(thunkArg.queryCacheKey) === running) {
        internals.runningQueries.delete(thunkArg.queryCacheKey)
      }
      dispatch(
        settledAction(result, meta, { fulfilled: ctx.actions.queryFulfilled, rejected: ctx.actions.queryRejected }),
      )
    })
    .catch((cause: unknown) => {
      // A reducer or subscriber threw while the result was stored; the request
      // itself is over, so report it instead of leaving an unhandled rejection.
      reportError(
        `Storing the result of '${thunkArg.endpointName}' (cache key ${thunkArg.queryCacheKey}) threw: ${serializeError(cause).message}`,
        cause,
      )
    })
  return running
}

/** The rejected action of a dispatch that had nothing to do (`meta.condition`); nothing stores it. */
function conditionRejection(ctx: ApiContext, thunkArg: QueryThunkArg, requestId: string): UnknownAction {
  const meta: RequestMeta<QueryThunkArg> = {
    arg: thunkArg,
    requestId,
    requestStatus: 'rejected',
    rejectedWithValue: false,
    aborted: false,
    condition: true,
  }
  return ctx.actions.queryRejected(undefined, meta, {
    name: 'ConditionError',
    message: 'Aborted due to condition callback returning false.',
  })
}

/**
 * `api.endpoints[name].initiate(arg, options)` for a query: subscribes (unless
 * `subscribe: false`), starts a request when RTK Query would, and returns a
 * promise of the selected result with controls attached.
 *
 * @internal
 */
export function buildInitiateQuery(ctx: ApiContext, endpointName: string) {
  const initiate =
    (arg: unknown, options: InternalStartQueryOptions = {}): QueryThunk =>
    (dispatch, getState, extra) => {
      const internals = storeInternalsFor(ctx, dispatch)
      const definition = requireDefinition(ctx, endpointName, 'initiate', 'query') as AnyQueryDefinition
      const queryCacheKey = queryCacheKeyFor(ctx, endpointName, arg)
      const subscribe = options.subscribe ?? true
      const requestId = nextRequestId()
      const rootState = getState()
      const entry = tablesOf(selectApiState(ctx, rootState)).queries.get(queryCacheKey)
      const alreadyRunning = internals.runningQueries.has(queryCacheKey)
      const starts =
        options.upsert !== undefined ||
        needsRequest({ ctx, definition, entry, running: alreadyRunning, arg, options, rootState })
      const thunkArg: QueryThunkArg = {
        type: 'query',
        endpointName,
        originalArgs: arg,
        queryCacheKey,
        subscribe,
        forceRefetch: options.forceRefetch,
        subscriptionOptions: options.subscriptionOptions,
        ...(options.upsert && { upsert: true }),
        ...(definition.infiniteQueryOptions && {
          infinite: true,
          direction: options.direction,
          initialPageParam: options.initialPageParam,
        }),
      }
      let started: RunningRequest<unknown> | undefined
      if (starts) {
        const forced = isForced(refetchRule(ctx, options), entry)
        started = startRequest({
          ctx,
          internals,
          definition,
          thunkArg,
          requestId,
          upsert: options.upsert,
          forced,
          cachedData: entry?.data,
          dispatch,
          getState,
          extra,
        })
      } else if (subscribe) {
        // One more subscriber of a cached or running entry: no action, as in RTK Query.
        internals.subscriptions.add(queryCacheKey, requestId, options.subscriptionOptions)
        internals.subscribed(queryCacheKey, requestId)
      } else {
        // RTK Query reports a dispatch that neither subscribes nor fetches as a
        // rejected "condition" action; reducers ignore it, listeners may not.
        dispatch(conditionRejection(ctx, thunkArg, requestId))
      }

      const select = (state: unknown) => readQueryResult(ctx, state, queryCacheKey)
      const running = started ?? internals.runningQueries.get(queryCacheKey)
      const promise: Promise<QueryResultSelectorResult> = running
        ? running.settled.then(() => select(getState()))
        : Promise.resolve(select(getState()))
      const result: QueryActionCreatorResult = Object.assign(promise, {
        arg,
        requestId,
        queryCacheKey,
        subscriptionOptions: options.subscriptionOptions,
        abort() {
          if (started) started.abort('Aborted')
        },
        async unwrap() {
          const selected = await promise
          if (selected.isError) throw selected.error
          return selected.data
        },
        refetch() {
          return dispatch(initiate(arg, { subscribe: false, forceRefetch: true }))
        },
        unsubscribe() {
          if (subscribe) dispatch(ctx.actions.unsubscribeQueryResult({ queryCacheKey, requestId }))
        },
        updateSubscriptionOptions(subscriptionOptions: StartQueryOptions['subscriptionOptions'] = {}) {
          result.subscriptionOptions = subscriptionOptions
          if (subscribe) {
            dispatch(ctx.actions.updateSubscriptionOptions({ queryCacheKey, requestId, options: subscriptionOptions }))
          }
        },
      })
      if (started) started.result = result
      checkMiddleware(ctx, internals)
      return result
    }
  return initiate
}
