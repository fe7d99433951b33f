import type { SubscriptionPatch } from '../actions'
import type { SubscriptionOptions } from '../types/state'

/**
 * What `api.internalActions.internal_getRTKQSubscriptions()` returns when
 * dispatched: read access to one store's subscriptions.
 */
export interface SubscriptionSelectors {
  /** Every cache key that has (or had, until its entry is removed) subscribers, with its subscribers by request id. */
  getSubscriptions: () => ReadonlyMap<string, ReadonlyMap<string, SubscriptionOptions>>
  getSubscriptionCount: (queryCacheKey: string) => number
  isRequestSubscribed: (queryCacheKey: string, requestId: string) => boolean
}

/**
 * One store's query subscriptions: which request ids subscribe to each cache
 * key, with their options. They live in the middleware, not the reducer, so
 * that a thousand components mounting on one key cost a thousand map writes
 * and no actions. `state.subscriptions` is a copy, brought up to date in
 * batches (`takePatches`), as RTK Query does.
 *
 * A key keeps its (possibly empty) subscriber map until its cache entry is
 * removed: an empty map marks an entry that was used and no longer is, which
 * focus and reconnect handling collect.
 *
 * @internal
 */
export class SubscriptionRegistry implements SubscriptionSelectors {
  readonly #byKey = new Map<string, Map<string, SubscriptionOptions>>()
  /** Keys changed since the last `takePatches`. */
  readonly #changed = new Set<string>()
  /** Keys that `state.subscriptions` holds. */
  readonly #synced = new Set<string>()
  /** Called after each change, so the owner can schedule the copy into state. */
  onChange: () => void = () => {}

  readonly getSubscriptions = (): ReadonlyMap<string, ReadonlyMap<string, SubscriptionOptions>> => this.#byKey

  readonly getSubscriptionCount = (queryCacheKey: string): number => this.#byKey.get(queryCacheKey)?.size ?? 0

  readonly isRequestSubscribed = (queryCacheKey: string, requestId: string): boolean =>
    this.#byKey.get(queryCacheKey)?.has(requestId) ?? false

  subscribers(queryCacheKey: string): ReadonlyMap<string, SubscriptionOptions> | undefined {
    return this.#byKey.get(queryCacheKey)
  }

  /** Adds a subscriber; without options it keeps the ones it had, or none. */
  add(queryCacheKey: string, requestId: string, options: SubscriptionOptions | undefined): void {
    const subscribers = this.#keyed(queryCacheKey)
    subscribers.set(requestId, options ?? subscribers.get(requestId) ?? {})
    this.#touch(queryCacheKey)
  }

  /** Marks a key as used without subscribing (a request that does not subscribe). */
  track(queryCacheKey: string): void {
    this.#keyed(queryCacheKey)
  }

  /** Replaces a subscriber's options; false when it is not subscribed. */
  update(queryCacheKey: string, requestId: string, options: SubscriptionOptions): boolean {
    const subscribers = this.#byKey.get(queryCacheKey)
    if (!subscribers?.has(requestId)) return false
    subscribers.set(requestId, options)
    this.#touch(queryCacheKey)
    return true
  }

  /** Removes a subscriber; false when it was not subscribed. */
  remove(queryCacheKey: string, requestId: string): boolean {
    if (!this.#byKey.get(queryCacheKey)?.delete(requestId)) return false
    this.#touch(queryCacheKey)
    return true
  }

  /** Forgets a key (its cache entry was removed); false when `state.subscriptions` need not change. */
  removeKey(queryCacheKey: string): boolean {
    this.#byKey.delete(queryCacheKey)
    if (!this.#synced.has(queryCacheKey) && !this.#changed.has(queryCacheKey)) return false
    this.#touch(queryCacheKey)
    return true
  }

  /** Forgets everything (`resetApiState` empties `state.subscriptions` itself). */
  clear(): void {
    this.#byKey.clear()
    this.#changed.clear()
    this.#synced.clear()
  }

  /** What changed since the last call, as patches for `state.subscriptions`. */
  takePatches(): SubscriptionPatch[] {
    const patches: SubscriptionPatch[] = []
    for (const queryCacheKey of this.#changed) {
      const subscribers = this.#byKey.get(queryCacheKey)
      if (subscribers) {
        this.#synced.add(queryCacheKey)
        patches.push({ op: 'add', path: [queryCacheKey], value: Object.fromEntries(subscribers) })
      } else {
        this.#synced.delete(queryCacheKey)
        patches.push({ op: 'remove', path: [queryCacheKey] })
      }
    }
    this.#changed.clear()
    return patches
  }

  #keyed(queryCacheKey: string): Map<string, SubscriptionOptions> {
    let subscribers = this.#byKey.get(queryCacheKey)
    if (!subscribers) {
      subscribers = new Map()
      this.#byKey.set(queryCacheKey, subscribers)
    }
    return subscribers
  }

  #touch(queryCacheKey: string): void {
    this.#changed.add(queryCacheKey)
    this.onChange()
  }
}
