import type { EndpointOutcome } from './runEndpoint'
import type { BaseQueryApi } from '../types/baseQuery'

/**
 * Abort handling for one request, with the AbortController made only when
 * someone reads `signal`. Node's AbortController is costly to create, and a
 * `queryFn` that never looks at its signal should not pay for one; baseQueries
 * that do (fetchBaseQuery) get a real signal, aborted if `abort()` came first.
 *
 * @internal
 */
export class RequestAbort {
  #controller: AbortController | undefined
  #aborted = false
  #reason: unknown
  #onAbort: (() => void) | undefined

  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController()
      if (this.#aborted) this.#controller.abort(this.#reason)
    }
    return this.#controller.signal
  }

  get aborted(): boolean {
    return this.#aborted
  }

  readonly abort = (reason?: unknown): void => {
    if (this.#aborted) return
    this.#aborted = true
    this.#reason = reason
    this.#controller?.abort(reason)
    this.#onAbort?.()
  }

  /**
   * Settles with `work`, or with `aborted()` as soon as `abort` is called, so
   * a request whose baseQuery ignores its signal still ends on abort.
   */
  race<T>(work: Promise<T>, aborted: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.#aborted) {
        resolve(aborted())
        return
      }
      this.#onAbort = () => resolve(aborted())
      work.then(resolve, reject)
    })
  }
}

/** How an aborted request ends: rejected with an AbortError, like a thrown abort. */
export function abortedOutcome(): EndpointOutcome {
  return { ok: false, error: { name: 'AbortError', message: 'Aborted' }, meta: undefined, thrown: true, aborted: true }
}

/**
 * The `api` object a baseQuery or queryFn receives. A class so that `signal`
 * can be a getter (the AbortController is made on first read) without the
 * cost of an object literal with an accessor, which V8 builds slowly. Pass
 * it on as it is: a spread copy (`{ ...api }`) has no `signal`.
 *
 * @internal
 */
export class RequestApi implements BaseQueryApi {
  readonly #abort: RequestAbort
  readonly abort: (reason?: string) => void
  readonly dispatch: BaseQueryApi['dispatch']
  readonly getState: () => unknown
  readonly extra: unknown
  readonly endpoint: string
  readonly type: 'query' | 'mutation'
  readonly forced: boolean | undefined
  readonly queryCacheKey: string | undefined

  constructor(requestAbort: RequestAbort, fields: Omit<BaseQueryApi, 'signal' | 'abort'>) {
    this.#abort = requestAbort
    this.abort = requestAbort.abort
    this.dispatch = fields.dispatch
    this.getState = fields.getState
    this.extra = fields.extra
    this.endpoint = fields.endpoint
    this.type = fields.type
    this.forced = fields.forced
    this.queryCacheKey = fields.queryCacheKey
  }

  get signal(): AbortSignal {
    return this.#abort.signal
  }
}
