import type {
  BaseQueryApi,
  BaseQueryArg,
  BaseQueryError,
  BaseQueryExtraOptions,
  BaseQueryFn,
  BaseQueryMeta,
  QueryReturnValue,
} from './types/baseQuery'

import { MESSAGE_PREFIX } from './errors'

/** The longest delay `setTimeout` accepts (about 24.8 days); longer ones would fire at once. */
const MAX_TIMER_DELAY_MS = 2_147_483_647
const DEFAULT_MAX_RETRIES = 5
const BASE_DELAY_MS = 300

/**
 * Decides whether a failed attempt is tried again. Gets the `error` of the `{ error }` result, the baseQuery
 * arguments, and `attempt` (1 after the first failure, 2 after the second, ...). Return `true` to retry.
 */
export type RetryConditionFunction = (
  error: BaseQueryError<BaseQueryFn>,
  args: BaseQueryArg<BaseQueryFn>,
  extraArgs: {
    /** How many attempts have failed so far, counting this one (starts at 1). */
    attempt: number
    baseQueryApi: BaseQueryApi
    /** The endpoint's `extraOptions`, as the endpoint wrote them (`{}` when it has none). */
    extraOptions: BaseQueryExtraOptions<BaseQueryFn> & RetryOptions
  },
) => boolean

/**
 * Waits before the next attempt. Resolve to go on; the retry stops waiting as soon as `signal` aborts, so a
 * custom backoff that starts a timer should clear it on abort.
 */
export type RetryBackoff = (attempt: number, maxRetries: number, signal?: AbortSignal) => Promise<void>

/**
 * Options of {@link retry}, given to `retry(baseQuery, options)` and overridable per endpoint through
 * `extraOptions`. As in RTK Query, `maxRetries` and `retryCondition` are alternatives: a `retryCondition`
 * replaces the `maxRetries` check for `{ error }` results.
 */
export type RetryOptions = {
  /**
   * Waits between attempts. Called with the number of the retry about to happen (1 for the first retry) and
   * the effective `maxRetries`.
   *
   * Default: exponential backoff with random jitter, `300 ms × 2^attempt × random(0.4, 1.4)` (about 600 ms
   * before the first retry, 1200 ms before the second, ...; the exponent stops growing at `maxRetries`).
   */
  backoff?: RetryBackoff
} & (
  | {
      /**
       * How many times a failed request is retried, in attempts after the first one (so at most
       * `maxRetries + 1` calls of the wrapped baseQuery).
       *
       * Default: `5`.
       */
      maxRetries?: number
      retryCondition?: undefined
    }
  | {
      /**
       * Called after each `{ error }` result; return `true` to retry, `false` to give up and return that
       * result. When given it replaces the `maxRetries` check, so check `attempt` yourself to bound the
       * retries. Thrown errors are still retried at most `maxRetries` (default 5) times.
       *
       * Default: retry while `attempt <= maxRetries`.
       */
      retryCondition?: RetryConditionFunction
      maxRetries?: undefined
    }
)

/**
 * What `retry.fail` throws. A retrying baseQuery catches it and returns `{ error, meta }` without
 * retrying; it extends `Error` only so that, thrown anywhere else, the report says what happened.
 */
class RetryFailure extends Error {
  constructor(readonly value: { error: unknown; meta: unknown }) {
    super(
      `${MESSAGE_PREFIX} retry.fail() was called outside a baseQuery wrapped by retry(...). ` +
        'Call it only inside a baseQuery that you pass to retry(), or return { error } instead.',
    )
    this.name = 'RetryFailure'
  }
}

/**
 * Ends the retries at once: throw it from inside a baseQuery wrapped by {@link retry}, and the retrying
 * baseQuery returns `{ error, meta }` without another attempt.
 *
 * @example
 * const baseQuery = retry(async (args, api, extraOptions) => {
 *   const result = await fetchBaseQuery({ baseUrl: '/api' })(args, api, extraOptions)
 *   if (result.error?.status === 401) retry.fail(result.error, result.meta)
 *   return result
 * })
 */
function fail<TBaseQuery extends BaseQueryFn = BaseQueryFn>(
  error: BaseQueryError<TBaseQuery>,
  meta?: BaseQueryMeta<TBaseQuery>,
): never {
  throw new RetryFailure({ error, meta })
}

function abortErrorOf(signal: AbortSignal): unknown {
  const reason: unknown = signal.reason
  if (reason instanceof Error) return reason
  return new DOMException(typeof reason === 'string' && reason ? reason : 'Aborted', 'AbortError')
}

/**
 * The default backoff: `300 ms × 2^min(attempt, maxRetries) × random(0.4, 1.4)`, waited with a timer that is
 * cleared when `signal` aborts (the promise then resolves; the caller sees the abort itself).
 */
function defaultBackoff(attempt = 0, maxRetries = DEFAULT_MAX_RETRIES, signal?: AbortSignal): Promise<void> {
  const exponent = Math.max(0, Math.min(attempt, maxRetries))
  const delay = Math.min(Math.floor(BASE_DELAY_MS * 2 ** exponent * (0.4 + Math.random())), MAX_TIMER_DELAY_MS)
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve()
    const finish = () => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', finish)
      resolve()
    }
    const timer = setTimeout(finish, delay)
    signal?.addEventListener('abort', finish, { once: true })
  })
}

/** Waits for `wait`, but rejects with the abort error as soon as `signal` aborts. */
function untilAborted(wait: Promise<void>, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(abortErrorOf(signal))
    if (signal.aborted) return onAbort()
    signal.addEventListener('abort', onAbort, { once: true })
    wait.then(
      () => {
        signal.removeEventListener('abort', onAbort)
        resolve()
      },
      (cause: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(cause)
      },
    )
  })
}

/** `value` unless it is `undefined`, then `fallback`: an option set to `undefined` keeps the default. */
function pick<T>(fallback: T, ...values: (T | undefined)[]): T {
  let result = fallback
  for (const value of values) if (value !== undefined) result = value
  return result
}

type RetryingBaseQuery<TBaseQuery extends BaseQueryFn> =
  TBaseQuery extends BaseQueryFn<infer TArgs, infer TResult, infer TError, infer TExtra, infer TMeta>
    ? (
        args: TArgs,
        api: BaseQueryApi,
        extraOptions: TExtra & RetryOptions,
      ) => Promise<QueryReturnValue<TResult, TError, TMeta>>
    : never

function retryWithBackoff<TBaseQuery extends BaseQueryFn>(
  baseQuery: TBaseQuery,
  defaultOptions?: RetryOptions,
): RetryingBaseQuery<TBaseQuery> {
  const retrying = async (args: unknown, api: BaseQueryApi, extraOptions: unknown) => {
    const endpointOptions = (extraOptions ?? {}) as RetryOptions
    const maxRetries = pick(DEFAULT_MAX_RETRIES, defaultOptions?.maxRetries, endpointOptions.maxRetries)
    const backoff = pick<RetryBackoff>(defaultBackoff, defaultOptions?.backoff, endpointOptions.backoff)
    const retryCondition = pick<RetryConditionFunction>(
      (_error, _args, { attempt }) => attempt <= maxRetries,
      defaultOptions?.retryCondition,
      endpointOptions.retryCondition,
    )
    let attempt = 0
    for (;;) {
      if (api.signal.aborted) throw abortErrorOf(api.signal)
      let result: QueryReturnValue
      try {
        result = await baseQuery(args, api, extraOptions as {})
      } catch (cause) {
        if (cause instanceof RetryFailure) return cause.value as QueryReturnValue
        attempt += 1
        // Thrown errors are not `{ error }` results, so only `maxRetries` bounds them (as in RTK Query).
        if (attempt > maxRetries) throw cause
        await untilAborted(backoff(attempt, maxRetries, api.signal), api.signal)
        continue
      }
      if (result?.error === undefined) return result
      attempt += 1
      const retryAgain = retryCondition(result.error, args, {
        attempt,
        baseQueryApi: api,
        extraOptions: endpointOptions,
      })
      if (!retryAgain) return result
      await untilAborted(backoff(attempt, maxRetries, api.signal), api.signal)
    }
  }
  return retrying as RetryingBaseQuery<TBaseQuery>
}

/**
 * Wraps a `baseQuery` so that failed requests are tried again after a wait: an `{ error }` result or a thrown
 * error starts another attempt, up to `maxRetries` retries (default 5) with exponential backoff. Options can be
 * overridden per endpoint through `extraOptions`, which still reach the wrapped baseQuery. After the last
 * attempt the last `{ error }` result is returned (or the last thrown error is rethrown). `retry.fail(error,
 * meta)` ends the retries at once. When the request's signal aborts, a wait in progress stops at once and the
 * retrying baseQuery throws an `AbortError` instead of starting another attempt.
 *
 * @example
 * const api = createApi({
 *   baseQuery: retry(fetchBaseQuery({ baseUrl: '/api' }), { maxRetries: 3 }),
 *   endpoints: (build) => ({
 *     getPosts: build.query<Post[], void>({ query: () => 'posts' }),
 *     // Two retries for this endpoint instead of three.
 *     getPost: build.query<Post, number>({ query: (id) => `posts/${id}`, extraOptions: { maxRetries: 2 } }),
 *   }),
 * })
 */
export const retry = /* @__PURE__ */ Object.assign(retryWithBackoff, { fail })
