import type { UnknownAction } from '@reduxjs/toolkit'

/**
 * next-redux-wrapper's hydration action type (8.x), dispatched in the browser
 * with the state a server render produced as its payload.
 *
 * Defined here rather than re-exported: next-redux-wrapper loads `next/router`
 * when imported, and `api-slice/next` must load without Next (its
 * `serializeState` and `toClientState` serve any framework). A test checks
 * that the two constants stay equal.
 */
export const HYDRATE = '__NEXT_REDUX_WRAPPER_HYDRATE__'

/** The shape of createApi's `extractRehydrationInfo` option. */
export type RehydrationExtractor = (action: UnknownAction, helpers: { reducerPath: string }) => unknown

/**
 * For createApi's `extractRehydrationInfo`: picks the api's part out of
 * next-redux-wrapper's `HYDRATE` action, whose payload is the whole root state
 * the server rendered.
 *
 * ```ts
 * createApi({ ..., extractRehydrationInfo: nextReduxWrapperRehydration() })
 * ```
 *
 * Returns `undefined` (not a rehydration) for every other action, for a payload
 * that is not an object, and for a payload without the api's `reducerPath`
 * (a page whose server render did not use this api).
 */
export function nextReduxWrapperRehydration(): RehydrationExtractor {
  return (action, { reducerPath }) => {
    if (action.type !== HYDRATE) return undefined
    const payload = (action as { payload?: unknown }).payload
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return undefined
    return Object.prototype.hasOwnProperty.call(payload, reducerPath)
      ? (payload as Record<string, unknown>)[reducerPath]
      : undefined
  }
}
