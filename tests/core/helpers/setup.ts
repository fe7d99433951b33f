import { combineReducers, configureStore } from '@reduxjs/toolkit'
import type { EnhancedStore, Middleware, Reducer, ThunkDispatch, UnknownAction } from '@reduxjs/toolkit'

export type TestStore = EnhancedStore<any, UnknownAction> & { dispatch: ThunkDispatch<any, unknown, UnknownAction> }

/**
 * A fresh store with the api mounted the way users set it up, with Redux
 * Toolkit's default development checks (immutability, serializability) on
 * and its notification batching off (see below).
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
    // Redux Toolkit's notification batching has a timer of its own (10 ms in
    // Node) for the actions RTK Query and api-slice mark; tests that count
    // the api's timers leave it out.
    enhancers: (getDefaultEnhancers) => getDefaultEnhancers({ autoBatch: false }),
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

/**
 * The store's live subscriptions (what `state[reducerPath].subscriptions`
 * shows once the batched sync has run), read through the api's
 * `internal_getRTKQSubscriptions` action. Keys without subscribers are left out.
 */
export function liveSubscriptions(
  store: { dispatch: (action: UnknownAction) => unknown },
  reducerPath = 'api',
): Record<string, Record<string, object>> {
  const answer = store.dispatch({ type: `${reducerPath}/subscriptions/internal_getRTKQSubscriptions` }) as {
    getSubscriptions: () => ReadonlyMap<string, ReadonlyMap<string, object>>
  }
  const subscriptions: Record<string, Record<string, object>> = {}
  for (const [queryCacheKey, subscribers] of answer.getSubscriptions()) {
    if (subscribers.size) subscriptions[queryCacheKey] = Object.fromEntries(subscribers)
  }
  return subscriptions
}

/** `liveSubscriptions` of the api's store. */
export function subscriptionsOf(
  store: TestStore,
  api: { reducerPath: string },
): Record<string, Record<string, object>> {
  return liveSubscriptions(store, api.reducerPath)
}
