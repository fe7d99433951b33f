import { createAction } from '@reduxjs/toolkit'
import type { ThunkDispatch, UnknownAction } from '@reduxjs/toolkit'

/*
 * Window events as actions. The type strings are RTK Query's, so one
 * `setupListeners` call serves apis of either library in the same store.
 */
export const onFocus = /* @__PURE__ */ createAction('__rtkq/focused')
export const onFocusLost = /* @__PURE__ */ createAction('__rtkq/unfocused')
export const onOnline = /* @__PURE__ */ createAction('__rtkq/online')
export const onOffline = /* @__PURE__ */ createAction('__rtkq/offline')

export const LISTENER_ACTION_PREFIX = '__rtkq/'

export interface ListenerActions {
  onFocus: typeof onFocus
  onFocusLost: typeof onFocusLost
  onOnline: typeof onOnline
  onOffline: typeof onOffline
}

/**
 * Dispatches focus and connectivity actions from the window, which
 * `refetchOnFocus`, `refetchOnReconnect` and `skipPollingIfUnfocused` need.
 * Returns a function that removes the listeners. Does nothing without a window.
 *
 * @param customHandler replaces the default listeners: it receives `dispatch`
 *   and the action creators, and returns its own cleanup.
 * @example
 * const unsubscribe = setupListeners(store.dispatch)
 */
export function setupListeners(
  dispatch: ThunkDispatch<any, any, UnknownAction>,
  customHandler?: (dispatch: ThunkDispatch<any, any, UnknownAction>, actions: ListenerActions) => () => void,
): () => void {
  const actions: ListenerActions = { onFocus, onFocusLost, onOnline, onOffline }
  if (customHandler) return customHandler(dispatch, actions)
  if (typeof window === 'undefined' || !window.addEventListener) return () => {}

  const focusChanged = () => {
    const hidden = typeof document !== 'undefined' && document.visibilityState === 'hidden'
    dispatch(hidden ? onFocusLost() : onFocus())
  }
  const handlers: [EventTarget, string, () => void][] = [
    [window, 'focus', focusChanged],
    [window, 'visibilitychange', focusChanged],
    [window, 'online', () => dispatch(onOnline())],
    [window, 'offline', () => dispatch(onOffline())],
  ]
  for (const [target, type, handler] of handlers) target.addEventListener(type, handler, false)
  return () => {
    for (const [target, type, handler] of handlers) target.removeEventListener(type, handler)
  }
}
