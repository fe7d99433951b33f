import { skipToken, type QueryActionCreatorResult } from 'api-slice'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { type HookContext, thunkDispatch } from './hookContext'
import type { UseQuerySubscriptionOptions } from './types'
import { useStableQueryArg } from './useStableQueryArg'
import { useShallowStable } from './useShallowStable'

/**
 * Subscribes the component to a query while it is mounted (in an effect, so
 * server rendering subscribes nothing and StrictMode's double mount ends with
 * one subscription and one request).
 *
 * @internal
 */
export function buildUseQuerySubscription(hc: HookContext, endpointName: string) {
  return function useQuerySubscription(arg: unknown, options: UseQuerySubscriptionOptions = {}) {
    const dispatch = thunkDispatch(hc.hooks.useDispatch())
    const { skip = false, refetchOnMountOrArgChange, ...rest } = options
    const stableArg = useStableQueryArg(hc, endpointName, skip ? skipToken : arg)
    const subscriptionOptions = useShallowStable({
      pollingInterval: rest.pollingInterval ?? 0,
      skipPollingIfUnfocused: rest.skipPollingIfUnfocused ?? false,
      refetchOnFocus: rest.refetchOnFocus,
      refetchOnReconnect: rest.refetchOnReconnect,
    })
    const promiseRef = useRef<QueryActionCreatorResult | undefined>(undefined)
    const optionsRef = useRef(subscriptionOptions)
    optionsRef.current = subscriptionOptions
    // A subscription can vanish under a mounted component (resetApiState):
    // counting those losses re-runs the effect below, which subscribes again.
    const [resubscriptions, setResubscriptions] = useState(0)
    const lost = hc.hooks.useSelector(() => {
      const promise = promiseRef.current
      return promise !== undefined && !hc.ctx.isSubscribed(dispatch, promise.queryCacheKey, promise.requestId)
    })
    useEffect(() => {
      if (lost) setResubscriptions((count) => count + 1)
    }, [lost])

    useEffect(() => {
      if (stableArg === skipToken) return
      const promise: QueryActionCreatorResult = dispatch(
        hc.endpoint(endpointName).initiate(stableArg, {
          subscriptionOptions: optionsRef.current,
          forceRefetch: refetchOnMountOrArgChange,
        }),
      )
      promiseRef.current = promise
      return () => {
        promise.unsubscribe()
        if (promiseRef.current === promise) promiseRef.current = undefined
      }
    }, [dispatch, stableArg, refetchOnMountOrArgChange, resubscriptions])

    useEffect(() => {
      // Changed options update the subscription; they never resubscribe.
      if (promiseRef.current && promiseRef.current.subscriptionOptions !== subscriptionOptions) {
        promiseRef.current.updateSubscriptionOptions(subscriptionOptions)
      }
    }, [subscriptionOptions])

    const refetch = useCallback(() => {
      if (!promiseRef.current) {
        throw new Error(
          `[api-slice] refetch() of '${endpointName}' was called before the query started (it is skipped, or the ` +
            `component has not mounted yet). Call it from an event handler or an effect.`,
        )
      }
      return promiseRef.current.refetch()
    }, [])
    return useMemo(() => ({ refetch }), [refetch])
  }
}
