import { reportError } from '../errors'

/** Rejection reason of `cacheDataLoaded` when the entry goes before its data came. */
export const entryRemovedBeforeData = new Error(
  '[api-slice] cacheDataLoaded never resolved: the cache entry was removed before it held data.',
)

/** A promise that never causes an unhandled-rejection warning when a lifecycle ignores it. */
export function quietPromise<T>() {
  let resolve!: (value: T) => void
  let reject!: (reason: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  promise.catch(() => {})
  return { promise, resolve, reject }
}

/**
 * Runs a user's lifecycle callback. A callback that throws or rejects is
 * reported and never breaks the store; one that rejects only because it
 * awaited `cacheDataLoaded` of a removed entry is expected and stays quiet.
 */
export function runLifecycle(name: string, endpointName: string, run: () => unknown): void {
  const report = (cause: unknown) => {
    if (cause === entryRemovedBeforeData) return
    reportError(`${name} of endpoint '${endpointName}' failed. The store is unaffected.`, cause)
  }
  try {
    Promise.resolve(run()).catch(report)
  } catch (cause) {
    report(cause)
  }
}
