import { QueryStatus, skipToken } from 'api-slice'
import { shallowEqual } from 'react-redux'
import { useEffect, useMemo, useRef } from 'react'
import type { HookContext, SelectedQuery } from './hookContext'
import { queryStateResult } from './queryStateResult'
import type { UseQueryStateOptions, UseQueryStateResult } from './types'
import { useStableQueryArg } from './useStableQueryArg'

/** Derives the hook result from the entry, memoized on the entry and the previous result. */
function buildResultSelector(
  hc: HookContext,
  selectEntry: (state: unknown) => SelectedQuery,
  options: { skipped: boolean; startsOnMount: boolean },
) {
  let lastResult: UseQueryStateResult | undefined
  // Once this key's entry existed, its disappearance (a reset or removal)
  // must not bring back older data: `previous` only bridges argument changes.
  let entryExisted = false
  const derive = hc.createSelector(
    [selectEntry, (_state: unknown, previous: UseQueryStateResult | undefined) => previous],
    (entry, previous) => {
      if (entry.status !== QueryStatus.uninitialized) entryExisted = true
      return queryStateResult(
        entry,
        entryExisted && entry.status === QueryStatus.uninitialized ? undefined : previous,
        options,
      )
    },
    { devModeChecks: { identityFunctionCheck: 'never' } },
  )
  const select = (state: unknown, previous: UseQueryStateResult | undefined): UseQueryStateResult =>
    (lastResult = derive(state, previous))
  return Object.assign(select, { latest: () => lastResult })
}

/**
 * Reads a query's state. `selectFromResult` runs inside the store selector,
 * and the component re-renders only when its selection changes (shallow
 * equal): an update to another query, or to a field it does not select,
 * costs it one memoized selector call and no render.
 *
 * @internal
 */
/** @param startsOnMount true for hooks that also subscribe (useQuery and friends), which start the query on mount. */
export function buildUseQueryState(hc: HookContext, endpointName: string, startsOnMount = false) {
  return function useQueryState(
    arg: unknown,
    options: UseQueryStateOptions<UseQueryStateResult, unknown> = {},
  ): unknown {
    const { skip = false, selectFromResult } = options
    const stableArg = useStableQueryArg(hc, endpointName, skip ? skipToken : arg)
    // The result last rendered: its data is shown while a new argument loads.
    const previousRef = useRef<UseQueryStateResult | undefined>(undefined)
    const selectResult = useMemo(
      () =>
        buildResultSelector(hc, hc.endpoint(endpointName).select(stableArg), {
          skipped: stableArg === skipToken,
          startsOnMount,
        }),
      [stableArg],
    )
    const selected = hc.hooks.useSelector((state: unknown) => {
      const result = selectResult(state, previousRef.current)
      return selectFromResult ? selectFromResult(result) : result
    }, shallowEqual)
    useEffect(() => {
      previousRef.current = selectResult.latest()
    })
    return selected
  }
}
