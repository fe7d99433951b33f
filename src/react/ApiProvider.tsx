import { configureStore } from '@reduxjs/toolkit'
import { setupListeners } from 'api-slice'
import type { Middleware, Reducer } from '@reduxjs/toolkit'
import { type ReactNode, useContext, useEffect, useState } from 'react'
import { Provider, ReactReduxContext } from 'react-redux'

export interface ApiProviderProps {
  api: { reducerPath: string; reducer: Reducer<any>; middleware: Middleware<any, any, any> }
  children?: ReactNode
  /** Call `setupListeners` for focus and reconnect refetching: `false` to skip, or a custom handler. Default: true. */
  setupListeners?: Parameters<typeof setupListeners>[1] | false
}

/**
 * Gives an app without its own Redux store one made for the api (reducer and
 * middleware). An app with a store should add the api to it instead.
 *
 * @example
 * <ApiProvider api={api}><App /></ApiProvider>
 */
export function ApiProvider({ api, children, setupListeners: listeners }: ApiProviderProps) {
  if (useContext(ReactReduxContext)) {
    throw new Error(
      '[api-slice] ApiProvider is inside a react-redux <Provider>: add the api to that store instead ' +
        '(its reducer under api.reducerPath, and api.middleware).',
    )
  }
  const [store] = useState(() =>
    configureStore({
      reducer: { [api.reducerPath]: api.reducer },
      middleware: (getDefaultMiddleware) => getDefaultMiddleware().concat(api.middleware),
    }),
  )
  useEffect(() => (listeners === false ? undefined : setupListeners(store.dispatch, listeners)), [store, listeners])
  return <Provider store={store}>{children}</Provider>
}
