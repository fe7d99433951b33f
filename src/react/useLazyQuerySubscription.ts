import { skipToken, type QueryActionCreatorResult, type SubscriptionOptions } from 'api-slice'
import { useCallback, useEffect, useRef, useState } from 'react'
import { type HookContext, thunkDispatch } from './hookContext'
import { useShallowStable } from './useShallowStable'

/**
 * `useLazyQuerySubscription`: `[trigger, lastArg]`. Nothing is fetched until
 * `trigger(arg, preferCacheValue)` runs; each trigger replaces the previous
 * subscription, and unmounting ends it.
 *
 * @internal
 */
export function buildUseLazyQuerySubscription(hc: HookContext, endpointName: string) {
  return function useLazyQuerySubscription(options: SubscriptionOptions = {}) {
    const dispatch = thunkDispatch(hc.hooks.useDispatch())
    const subscriptionOptions = useShallowStable(options)
    const [lastArg, setLastArg] = useState<unknown>(skipToken)
    const promiseRef = useRef<QueryActionCreatorResult | undefined>(undefined)
    const mountedRef = useRef(false)

    useEffect(() => {
      mountedRef.current = true
      return () => {
        mountedRef.current = false
        promiseRef.current?.unsubscribe()
        promiseRef.current = undefined
      }
    }, [])

    useEffect(() => {
      promiseRef.current?.updateSubscriptionOptions(subscriptionOptions)
    }, [subscriptionOptions])

    const trigger = useCallback(
      (arg: unknown, preferCacheValue = false): QueryActionCreatorResult => {
        const initiate = hc.endpoint(endpointName).initiate
        if (!mountedRef.current) {
          // A subscription made now would never be released: fetch without one.
          if (process.env.NODE_ENV !== 'production') {
            console.warn(
              `[api-slice] The lazy trigger of '${endpointName}' ran after its component unmounted; the request runs ` +
                `without a subscription, so its data is kept only for keepUnusedDataFor. Trigger it while mounted.`,
            )
          }
          return dispatch(initiate(arg, { subscribe: false, forceRefetch: !preferCacheValue }))
        }
        const promise: QueryActionCreatorResult = dispatch(
          initiate(arg, { subscriptionOptions, forceRefetch: !preferCacheValue }),
        )
        promiseRef.current?.unsubscribe()
        promiseRef.current = promise
        setLastArg(() => arg)
        return promise
      },
      [dispatch, subscriptionOptions],
    )
    return [trigger, lastArg] as const
  }
}
