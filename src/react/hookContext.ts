import type { ApiContext, QueryResultSelectorResult } from 'api-slice'
import type { createSelector, Dispatch, UnknownAction } from '@reduxjs/toolkit'

type AnyEndpoint = {
  initiate: (arg: unknown, options?: any) => (...thunkArgs: any[]) => any
  select: (arg: any) => (state: any) => any
}

/** Redux bindings the hooks use; `reactHooksModule({ hooks })` swaps them for a custom context. */
export interface ReduxHooks {
  useDispatch: () => Dispatch<UnknownAction>
  useSelector: <TSelected>(
    selector: (state: any) => TSelected,
    equalityFn?: (a: TSelected, b: TSelected) => boolean,
  ) => TSelected
  useStore: () => { getState: () => any; dispatch: Dispatch<UnknownAction> }
}

/**
 * What every hook of one api shares.
 *
 * @internal
 */
export interface HookContext {
  ctx: ApiContext
  hooks: ReduxHooks
  createSelector: typeof createSelector
  endpoint: (endpointName: string) => AnyEndpoint
  util: Record<string, (...args: any[]) => any>
}

export type SelectedQuery = QueryResultSelectorResult & { data?: unknown }

/** A dispatch that runs thunks (what the api's thunks need). */
export function thunkDispatch(dispatch: Dispatch<UnknownAction>): (thunk: unknown) => any {
  return dispatch as unknown as (thunk: unknown) => any
}
