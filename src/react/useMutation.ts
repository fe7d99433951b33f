import { skipToken, type MutationActionCreatorResult, type MutationResultSelectorResult } from 'api-slice'
import { shallowEqual } from 'react-redux'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { type HookContext, thunkDispatch } from './hookContext'
import type { UseMutationStateResult } from './types'

/**
 * `useMutation`: `[trigger, { ...state, reset }]`. Without `fixedCacheKey`
 * each component sees only its own latest call, and its result is removed
 * when a new call starts or the component unmounts; with `fixedCacheKey`
 * every component using that key shares one result.
 *
 * @example
 * const [editPost, { isLoading }] = api.useEditPostMutation()
 * await editPost(post).unwrap()
 *
 * @internal
 */
export function buildUseMutation(hc: HookContext, endpointName: string) {
  return function useMutation(
    options: { fixedCacheKey?: string; selectFromResult?: (result: UseMutationStateResult) => unknown } = {},
  ) {
    const { fixedCacheKey, selectFromResult } = options
    const dispatch = thunkDispatch(hc.hooks.useDispatch())
    const [promise, setPromise] = useState<MutationActionCreatorResult | undefined>(undefined)

    useEffect(
      () => () => {
        // A component's own result goes with it; a shared (fixedCacheKey) one stays for the others.
        if (!fixedCacheKey) promise?.reset()
      },
      [promise, fixedCacheKey],
    )

    const trigger = useCallback(
      (arg: unknown) => {
        const started: MutationActionCreatorResult = dispatch(
          hc.endpoint(endpointName).initiate(arg, { fixedCacheKey }),
        )
        setPromise(started)
        return started
      },
      [dispatch, fixedCacheKey],
    )

    const selectArg = fixedCacheKey
      ? { fixedCacheKey, requestId: promise?.requestId }
      : (promise?.requestId ?? skipToken)
    const selectEntry = useMemo(
      () => hc.endpoint(endpointName).select(selectArg) as (state: unknown) => MutationResultSelectorResult,
      // The select argument is fully described by these two values.
      [fixedCacheKey, promise?.requestId],
    )
    const selected = hc.hooks.useSelector((state: unknown) => {
      const entry = selectEntry(state) as UseMutationStateResult
      return selectFromResult ? selectFromResult(entry) : entry
    }, shallowEqual)

    const reset = useCallback(() => {
      if (promise) {
        setPromise(undefined)
        if (!fixedCacheKey) promise.reset()
      }
      if (fixedCacheKey) dispatch(hc.ctx.actions.removeMutationResult({ fixedCacheKey }))
    }, [dispatch, promise, fixedCacheKey])

    const state = useMemo(
      () => ({ ...(selected as object), originalArgs: promise?.arg.originalArgs, reset }),
      [selected, promise, reset],
    )
    return useMemo(() => [trigger, state] as const, [trigger, state])
  }
}
