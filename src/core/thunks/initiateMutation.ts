import type { ThunkAction, UnknownAction } from '@reduxjs/toolkit'
import { nextRequestId } from '../requestIds'
import type { MutationThunkArg, RequestMeta } from '../actions'
import { type ApiContext, requireDefinition } from '../apiContext'
import { reportError, serializeError } from '../errors'
import { checkMiddleware, storeInternalsFor } from '../middleware/storeInternals'
import type { MutationActionCreatorResult, MutationResult, StartMutationOptions } from '../types/results'
import { abortedOutcome, RequestAbort, RequestApi } from './requestAbort'
import { runEndpoint } from './runEndpoint'
import { settledAction } from './settledAction'

type MutationThunk = ThunkAction<MutationActionCreatorResult, unknown, unknown, UnknownAction>

/**
 * `api.endpoints[name].initiate(arg, options)` for a mutation. The returned
 * promise resolves to `{ data }` or `{ error }` and never rejects; `unwrap()`
 * rejects with the error.
 *
 * @internal
 */
export function buildInitiateMutation(ctx: ApiContext, endpointName: string) {
  return (arg: unknown, { track = true, fixedCacheKey }: StartMutationOptions = {}): MutationThunk =>
    (dispatch, getState, extra) => {
      const internals = storeInternalsFor(ctx, dispatch)
      const definition = requireDefinition(ctx, endpointName, 'initiate', 'mutation')
      const requestId = nextRequestId()
      const thunkArg: MutationThunkArg = { type: 'mutation', endpointName, originalArgs: arg, track, fixedCacheKey }
      const meta: RequestMeta<MutationThunkArg> = {
        arg: thunkArg,
        requestId,
        requestStatus: 'pending',
        startedTimeStamp: Date.now(),
      }
      const requestAbort = new RequestAbort()
      const abort = (reason?: string) => requestAbort.abort(reason)
      const running = { requestId, abort, fixedCacheKey, endpointName, settled: Promise.resolve() as Promise<unknown> }
      internals.runningMutations.set(requestId, running)
      dispatch(ctx.actions.mutationPending(meta))

      const api = new RequestApi(requestAbort, { dispatch, getState, extra, endpoint: endpointName, type: 'mutation' })
      const work = runEndpoint({ ctx, definition, arg, api })
      const settled: Promise<MutationResult> = requestAbort.race(work, abortedOutcome).then((outcome) => {
        internals.runningMutations.delete(requestId)
        try {
          const creators = { fulfilled: ctx.actions.mutationFulfilled, rejected: ctx.actions.mutationRejected }
          dispatch(settledAction(outcome, meta, creators))
        } catch (cause) {
          reportError(`Storing the result of mutation '${endpointName}' threw: ${serializeError(cause).message}`, cause)
        }
        return outcome.ok ? { data: outcome.data } : { error: outcome.error }
      })
      running.settled = settled

      const result: MutationActionCreatorResult = Object.assign(settled, {
        arg: { endpointName, originalArgs: arg, track, fixedCacheKey },
        requestId,
        abort: () => abort('Aborted'),
        async unwrap() {
          const outcome = await settled
          if ('error' in outcome && outcome.error !== undefined) throw outcome.error
          return outcome.data
        },
        reset() {
          if (track) dispatch(ctx.actions.removeMutationResult({ requestId, fixedCacheKey }))
        },
      })
      Object.assign(running, { result })
      checkMiddleware(ctx, internals)
      return result
    }
}
