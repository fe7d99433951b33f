import type { UnknownAction } from '@reduxjs/toolkit'
import type { RequestMeta } from '../actions'
import type { SerializedError } from '../errors'
import type { EndpointOutcome } from './runEndpoint'

interface SettledCreators<TArg> {
  fulfilled: (payload: unknown, meta: RequestMeta<TArg>) => UnknownAction
  rejected: (payload: unknown, meta: RequestMeta<TArg>, error: SerializedError) => UnknownAction
}

/**
 * The fulfilled or rejected action that ends a request, shaped like RTK
 * Query's: a `{ error }` result is the rejected action's payload
 * (`rejectedWithValue`), a thrown error its serialized `error`.
 *
 * @internal
 */
export function settledAction<TArg>(
  outcome: EndpointOutcome,
  meta: RequestMeta<TArg>,
  creators: SettledCreators<TArg>,
): UnknownAction {
  if (outcome.ok) {
    return creators.fulfilled(outcome.data, {
      ...meta,
      requestStatus: 'fulfilled',
      fulfilledTimeStamp: Date.now(),
      baseQueryMeta: outcome.meta,
    })
  }
  return creators.rejected(
    outcome.thrown ? undefined : outcome.error,
    {
      ...meta,
      requestStatus: 'rejected',
      baseQueryMeta: outcome.meta,
      rejectedWithValue: !outcome.thrown,
      aborted: Boolean(outcome.aborted),
    },
    outcome.thrown ? (outcome.error as SerializedError) : { message: 'Rejected' },
  )
}
