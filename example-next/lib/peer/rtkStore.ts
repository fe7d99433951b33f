// Peer variant of ../store.ts for `API_PEER=rtk` builds (see rtkApi.ts): the
// documented RTK Query + next-redux-wrapper setup, which sends the raw root
// state to the browser (createWrapper's default serializeState).
import { configureStore } from '@reduxjs/toolkit'
import { createWrapper } from 'next-redux-wrapper'
import { api } from './rtkApi'

export const makeStore = () =>
  configureStore({
    reducer: { [api.reducerPath]: api.reducer },
    middleware: (getDefaultMiddleware) => getDefaultMiddleware().concat(api.middleware),
  })

export type AppStore = ReturnType<typeof makeStore>

export const wrapper = createWrapper<AppStore>(makeStore)
