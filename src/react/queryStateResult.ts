import { QueryStatus } from 'api-slice'
import type { SelectedQuery } from './hookContext'
import type { UseQueryStateResult } from './types'

const skippedResult: UseQueryStateResult = Object.freeze({
  status: QueryStatus.uninitialized,
  isUninitialized: true,
  isLoading: false,
  isFetching: false,
  isSuccess: false,
  isError: false,
})

/**
 * What a query hook shows for a cache entry, given what it showed before.
 * `data` survives an argument change (the previous argument's data stays
 * while the new one loads); `currentData` is only ever the current
 * argument's. For hooks that start the query (`startsOnMount`), an entry not
 * started yet reads as loading rather than uninitialized, since the hook's
 * effect is about to start it; that keeps the first render from flashing an
 * "uninitialized" state. `useQueryState` alone reports it as uninitialized.
 *
 * @internal
 */
export function queryStateResult(
  entry: SelectedQuery,
  previous: UseQueryStateResult | undefined,
  options: { skipped: boolean; startsOnMount: boolean },
): UseQueryStateResult {
  const notStarted = entry.status === QueryStatus.uninitialized
  // Only a hook that starts the query itself (useQuery) may show "not started" as loading.
  if (options.skipped || (notStarted && !options.startsOnMount)) return skippedResult
  const isFetching = notStarted || entry.status === QueryStatus.pending
  const data = entry.data !== undefined ? entry.data : previous?.data
  const hasData = data !== undefined
  const { isUninitialized: _u, isLoading: _l, isSuccess: _s, isError: _e, ...fields } = entry
  return {
    ...fields,
    status: notStarted ? QueryStatus.pending : entry.status,
    data,
    currentData: entry.data,
    isUninitialized: false,
    isLoading: isFetching && !hasData,
    isFetching,
    isSuccess: entry.isSuccess || (isFetching && hasData && !previous?.isError),
    isError: entry.isError,
  }
}
