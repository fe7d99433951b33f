import { combineReducers, configureStore } from '@reduxjs/toolkit'
import type { EnhancedStore, Middleware, Reducer, ThunkDispatch, UnknownAction } from '@reduxjs/toolkit'

export type TestStore = EnhancedStore<any, UnknownAction> & { dispatch: ThunkDispatch<any, unknown, UnknownAction> }

/**
 * A fresh store with the api mounted the way users set it up, with Redux
 * Toolkit's default development checks (immutability, serializability) on.
 */
export function setupStore(
  api: { reducerPath: string; reducer: Reducer<any>; middleware: Middleware<any, any, any> },
  options: { withMiddleware?: boolean; preloadedState?: any } = {},
): TestStore {
  const { withMiddleware = true } = options
  return configureStore({
    reducer: combineReducers({ [api.reducerPath]: api.reducer }) as Reducer<any>,
    middleware: (getDefaultMiddleware) =>
      withMiddleware ? getDefaultMiddleware().concat(api.middleware) : getDefaultMiddleware(),
    preloadedState: options.preloadedState,
  }) as unknown as TestStore
}

let counter = 0
/** A value no other test uses, so cache keys never collide between tests. */
export function uniqueKey(prefix = 'key'): string {
  counter += 1
  return `${prefix}-${counter}`
}

/** A promise with its resolve function, for requests the test settles by hand. */
export function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (reason: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

/** Lets every queued promise callback run. */
export async function flushPromises(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve()
}
