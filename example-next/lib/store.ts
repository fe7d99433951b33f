import { configureStore } from '@reduxjs/toolkit'
import { createWrapper } from 'next-redux-wrapper'
import { toClientState } from 'api-slice/next'
import { api } from './api'

export const makeStore = () =>
  configureStore({
    reducer: { [api.reducerPath]: api.reducer },
    middleware: (getDefaultMiddleware) => getDefaultMiddleware().concat(api.middleware),
  })

export type AppStore = ReturnType<typeof makeStore>

// One store per request on the server, one for the page's lifetime in the browser.
// The state sent to the browser holds only settled queries (see toClientState).
export const wrapper = createWrapper<AppStore>(makeStore, { serializeState: (state) => toClientState(state) })
