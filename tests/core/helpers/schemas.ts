import { vi } from 'vitest'
import * as v from 'valibot'
import type { ApiState, BaseQueryFn } from 'api-slice'

export const postSchema = v.object({ id: v.number(), title: v.string() })

export function apiState(store: { getState(): any }): ApiState {
  return store.getState().api
}

/** A baseQuery mock that answers every request with `result`. */
export function answering(result: { data: unknown; meta?: {} } | { error: unknown; meta?: {} }) {
  return vi.fn<BaseQueryFn>(() => result)
}

/** Hides (and records) console.error. */
export function silenceErrors() {
  return vi.spyOn(console, 'error').mockImplementation(() => {})
}
