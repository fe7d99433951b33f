import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApi, retry, type BaseQueryApi, type BaseQueryFn } from 'api-slice'
import { flushPromises, setupStore } from './helpers/setup'

type Step = { data: unknown; meta?: {} } | { error: unknown; meta?: {} } | { throws: unknown }

/** A baseQuery mock that plays `steps` in order (one per call) and repeats the last step afterwards. */
function scripted(...steps: Step[]) {
  let calls = 0
  return vi.fn<BaseQueryFn>(() => {
    const step = steps[Math.min(calls, steps.length - 1)]!
    calls += 1
    if ('throws' in step) throw step.throws
    return Promise.resolve(step)
  })
}

/** A baseQuery that fails every time, with `{ error: { attempt: n } }` on its n-th call. */
function alwaysFailing() {
  let calls = 0
  return vi.fn<BaseQueryFn>(async () => {
    calls += 1
    return { error: { attempt: calls } }
  })
}

/** The second argument of a baseQuery, with a signal the test can abort. */
function baseQueryApi(controller = new AbortController()): BaseQueryApi {
  return {
    signal: controller.signal,
    abort: (reason) => controller.abort(reason),
    dispatch: vi.fn() as never,
    getState: () => ({}),
    extra: undefined,
    endpoint: 'getThing',
    type: 'query',
  }
}

/** Longer than every default wait of five retries put together (at most 1.4 × 300 ms × (2 + 4 + ... + 32)). */
const ALL_WAITS_MS = 60_000

beforeEach(() => {
  vi.useFakeTimers()
})

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe('retrying failed attempts', () => {
  it('returns the data of the first attempt that succeeds after failures', async () => {
    const inner = scripted({ error: 'down' }, { error: 'still down' }, { data: 'hello' })
    const pending = retry(inner)('thing', baseQueryApi(), {})
    await vi.advanceTimersByTimeAsync(ALL_WAITS_MS)

    await expect(pending).resolves.toEqual({ data: 'hello' })
    expect(inner).toHaveBeenCalledTimes(3)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('passes the same arguments, api and extraOptions to every attempt', async () => {
    const inner = scripted({ error: 'down' }, { data: 'ok' })
    const api = baseQueryApi()
    const extraOptions = { maxRetries: 3, headers: { 'x-test': '1' } }
    const pending = retry(inner)({ url: 'things/1' }, api, extraOptions)
    await vi.advanceTimersByTimeAsync(ALL_WAITS_MS)
    await pending

    expect(inner.mock.calls).toEqual([
      [{ url: 'things/1' }, api, extraOptions],
      [{ url: 'things/1' }, api, extraOptions],
    ])
  })

  it('retries 5 times by default, then returns the last { error }', async () => {
    const inner = alwaysFailing()
    const pending = retry(inner)('thing', baseQueryApi(), {})
    await vi.advanceTimersByTimeAsync(ALL_WAITS_MS)

    await expect(pending).resolves.toEqual({ error: { attempt: 6 } })
    expect(inner).toHaveBeenCalledTimes(6)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('gives up after maxRetries retries with the last error', async () => {
    const inner = alwaysFailing()
    const pending = retry(inner, { maxRetries: 3 })('thing', baseQueryApi(), {})
    await vi.advanceTimersByTimeAsync(ALL_WAITS_MS)

    await expect(pending).resolves.toEqual({ error: { attempt: 4 } })
    expect(inner).toHaveBeenCalledTimes(4)
  })

  it('does not retry with maxRetries: 0', async () => {
    const inner = alwaysFailing()
    await expect(retry(inner, { maxRetries: 0 })('thing', baseQueryApi(), {})).resolves.toEqual({
      error: { attempt: 1 },
    })
    expect(inner).toHaveBeenCalledTimes(1)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('keeps the meta of the last failed attempt', async () => {
    const inner = scripted({ error: 'first', meta: { n: 1 } }, { error: 'last', meta: { n: 2 } })
    const pending = retry(inner, { maxRetries: 1 })('thing', baseQueryApi(), {})
    await vi.advanceTimersByTimeAsync(ALL_WAITS_MS)

    await expect(pending).resolves.toEqual({ error: 'last', meta: { n: 2 } })
  })

  it('lets extraOptions override the options per call, keeping the other defaults', async () => {
    const inner = alwaysFailing()
    const backoff = vi.fn(async () => {})
    const pending = retry(inner, { maxRetries: 4, backoff })('thing', baseQueryApi(), { maxRetries: 1 })
    await vi.advanceTimersByTimeAsync(ALL_WAITS_MS)

    await expect(pending).resolves.toEqual({ error: { attempt: 2 } })
    expect(inner).toHaveBeenCalledTimes(2)
    expect(backoff).toHaveBeenCalledTimes(1)
  })
})

describe('thrown errors', () => {
  it('retries a thrown error and returns the data of a later success', async () => {
    const inner = scripted({ throws: new Error('network') }, { data: 'recovered' })
    const pending = retry(inner)('thing', baseQueryApi(), {})
    await vi.advanceTimersByTimeAsync(ALL_WAITS_MS)

    await expect(pending).resolves.toEqual({ data: 'recovered' })
    expect(inner).toHaveBeenCalledTimes(2)
  })

  it('rethrows the last thrown error after maxRetries retries', async () => {
    let calls = 0
    const inner = vi.fn<BaseQueryFn>(() => {
      calls += 1
      throw new Error(`crash ${calls}`)
    })
    const pending = retry(inner, { maxRetries: 2 })('thing', baseQueryApi(), {})
    const settled = pending.catch((error: unknown) => error)
    await vi.advanceTimersByTimeAsync(ALL_WAITS_MS)

    expect(await settled).toEqual(new Error('crash 3'))
    expect(inner).toHaveBeenCalledTimes(3)
    expect(vi.getTimerCount()).toBe(0)
  })
})

describe('backoff', () => {
  it('waits 300 ms × 2^attempt × (0.4 + random) before each retry by default', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0)
    const inner = alwaysFailing()
    void retry(inner, { maxRetries: 2 })('thing', baseQueryApi(), {})
    await flushPromises()
    expect(inner).toHaveBeenCalledTimes(1)

    // First retry: 300 × 2 × 0.4 = 240 ms.
    await vi.advanceTimersByTimeAsync(239)
    expect(inner).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(inner).toHaveBeenCalledTimes(2)

    // Second retry: 300 × 4 × 0.4 = 480 ms.
    await vi.advanceTimersByTimeAsync(479)
    expect(inner).toHaveBeenCalledTimes(2)
    await vi.advanceTimersByTimeAsync(1)
    expect(inner).toHaveBeenCalledTimes(3)
  })

  it('calls a custom backoff with the attempt number and maxRetries', async () => {
    const inner = alwaysFailing()
    const backoff = vi.fn(async (_attempt: number, _maxRetries: number) => {})
    const result = await retry(inner, { maxRetries: 3, backoff })('thing', baseQueryApi(), {})

    expect(result).toEqual({ error: { attempt: 4 } })
    expect(backoff.mock.calls.map(([attempt, maxRetries]) => [attempt, maxRetries])).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ])
    expect(vi.getTimerCount()).toBe(0)
  })

  it('gives a custom backoff the per-call maxRetries from extraOptions', async () => {
    const backoff = vi.fn(async (_attempt: number, _maxRetries: number) => {})
    await retry(alwaysFailing(), { maxRetries: 5, backoff })('thing', baseQueryApi(), { maxRetries: 1 })

    expect(backoff.mock.calls.map(([attempt, maxRetries]) => [attempt, maxRetries])).toEqual([[1, 1]])
  })
})

describe('retryCondition', () => {
  it('stops early when the condition returns false, and receives the attempt number', async () => {
    const inner = scripted({ error: { status: 500 } }, { error: { status: 503 } }, { error: { status: 404 } })
    const retryCondition = vi.fn((error: any, _args: unknown, _extra: { attempt: number }) => error.status >= 500)
    const api = baseQueryApi()
    // The wrapped baseQuery's own extraOptions, which retry passes through untouched.
    const extraOptions = { tag: 'extra' } as {}
    const pending = retry(inner, { retryCondition })({ url: 'x' }, api, extraOptions)
    await vi.advanceTimersByTimeAsync(ALL_WAITS_MS)

    await expect(pending).resolves.toEqual({ error: { status: 404 } })
    expect(inner).toHaveBeenCalledTimes(3)
    expect(retryCondition.mock.calls.map(([error, , extra]) => [error, extra.attempt])).toEqual([
      [{ status: 500 }, 1],
      [{ status: 503 }, 2],
      [{ status: 404 }, 3],
    ])
    expect(retryCondition).toHaveBeenLastCalledWith(
      { status: 404 },
      { url: 'x' },
      {
        attempt: 3,
        baseQueryApi: api,
        extraOptions: { tag: 'extra' },
      },
    )
  })

  it('replaces the maxRetries check, so the condition alone bounds the retries', async () => {
    const inner = alwaysFailing()
    const pending = retry(inner, { retryCondition: (_error, _args, { attempt }) => attempt <= 7 })(
      'thing',
      baseQueryApi(),
      {},
    )
    await vi.advanceTimersByTimeAsync(ALL_WAITS_MS * 10)

    await expect(pending).resolves.toEqual({ error: { attempt: 8 } })
    expect(inner).toHaveBeenCalledTimes(8)
  })

  it('can be given per call in extraOptions', async () => {
    const inner = alwaysFailing()
    const result = await retry(inner, { maxRetries: 5 })('thing', baseQueryApi(), { retryCondition: () => false })

    expect(result).toEqual({ error: { attempt: 1 } })
    expect(inner).toHaveBeenCalledTimes(1)
  })
})

describe('retry.fail', () => {
  it('stops at once and returns { error, meta }', async () => {
    const inner = vi.fn<BaseQueryFn>(async () => retry.fail({ status: 401 }, { request: 'r1' }))
    const result = await retry(inner, { maxRetries: 5 })('thing', baseQueryApi(), {})

    expect(result).toEqual({ error: { status: 401 }, meta: { request: 'r1' } })
    expect(inner).toHaveBeenCalledTimes(1)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('stops after earlier failures too, without waiting again', async () => {
    let calls = 0
    const inner = vi.fn<BaseQueryFn>(async () => {
      calls += 1
      if (calls === 2) retry.fail('fatal')
      return { error: 'transient' }
    })
    const pending = retry(inner)('thing', baseQueryApi(), {})
    await vi.advanceTimersByTimeAsync(ALL_WAITS_MS)

    await expect(pending).resolves.toEqual({ error: 'fatal', meta: undefined })
    expect(inner).toHaveBeenCalledTimes(2)
  })
})

describe('abort', () => {
  it('stops waiting at once when the signal aborts during a backoff, with no further attempt', async () => {
    const inner = alwaysFailing()
    const controller = new AbortController()
    const pending = retry(inner)('thing', baseQueryApi(controller), {})
    const settled = pending.catch((error: unknown) => error)
    await flushPromises()
    expect(vi.getTimerCount()).toBe(1)

    controller.abort()
    expect(vi.getTimerCount()).toBe(0)
    expect(await settled).toMatchObject({ name: 'AbortError' })
    await vi.advanceTimersByTimeAsync(ALL_WAITS_MS)
    expect(inner).toHaveBeenCalledTimes(1)
  })

  it('stops waiting for a custom backoff that ignores the signal', async () => {
    const inner = alwaysFailing()
    const controller = new AbortController()
    const pending = retry(inner, { backoff: () => new Promise<void>(() => {}) })('thing', baseQueryApi(controller), {})
    const settled = pending.catch((error: unknown) => error)
    await flushPromises()

    controller.abort('Aborted')
    expect(await settled).toMatchObject({ name: 'AbortError', message: 'Aborted' })
    expect(inner).toHaveBeenCalledTimes(1)
  })

  it('does not start an attempt when the signal is already aborted', async () => {
    const inner = alwaysFailing()
    const controller = new AbortController()
    controller.abort()

    await expect(retry(inner)('thing', baseQueryApi(controller), {})).rejects.toMatchObject({ name: 'AbortError' })
    expect(inner).not.toHaveBeenCalled()
  })
})

describe('inside createApi', () => {
  function makeApi(inner: BaseQueryFn) {
    const api = createApi({
      baseQuery: retry(inner, { maxRetries: 2 }),
      endpoints: (build) => ({
        getThing: build.query<string, number>({ query: (id) => `things/${id}` }),
        getOther: build.query<string, number>({ query: (id) => `others/${id}`, extraOptions: { maxRetries: 0 } }),
      }),
    })
    return { api, store: setupStore(api) }
  }

  it('ends a query rejected with the last error after maxRetries + 1 calls', async () => {
    const inner = alwaysFailing()
    const { api, store } = makeApi(inner)
    const request = store.dispatch(api.endpoints.getThing.initiate(1))
    await vi.advanceTimersByTimeAsync(ALL_WAITS_MS)
    const result = await request

    expect(inner).toHaveBeenCalledTimes(3)
    expect(result.isError).toBe(true)
    expect(result.error).toEqual({ attempt: 3 })
    expect(store.getState().api.queries['getThing(1)']).toMatchObject({ status: 'rejected', error: { attempt: 3 } })
    await expect(request.unwrap()).rejects.toEqual({ attempt: 3 })
  })

  it('uses the endpoint extraOptions over the retry options', async () => {
    const inner = alwaysFailing()
    const { api, store } = makeApi(inner)
    const request = store.dispatch(api.endpoints.getOther.initiate(1))
    await vi.advanceTimersByTimeAsync(ALL_WAITS_MS)
    const result = await request

    expect(inner).toHaveBeenCalledTimes(1)
    expect(result.error).toEqual({ attempt: 1 })
    expect(inner.mock.calls[0]![2]).toEqual({ maxRetries: 0 })
  })

  it('stores the data once a retry succeeds', async () => {
    const inner = scripted({ error: 'down' }, { data: 'thing 1' })
    const { api, store } = makeApi(inner)
    const request = store.dispatch(api.endpoints.getThing.initiate(1))
    await vi.advanceTimersByTimeAsync(ALL_WAITS_MS)

    await expect(request.unwrap()).resolves.toBe('thing 1')
    expect(store.getState().api.queries['getThing(1)']).toMatchObject({ status: 'fulfilled', data: 'thing 1' })
  })

  it('stops retrying when the request is aborted', async () => {
    const inner = alwaysFailing()
    const { api, store } = makeApi(inner)
    const request = store.dispatch(api.endpoints.getThing.initiate(1))
    await flushPromises()
    expect(inner).toHaveBeenCalledTimes(1)

    request.abort()
    const result = await request
    await vi.advanceTimersByTimeAsync(ALL_WAITS_MS)

    expect(inner).toHaveBeenCalledTimes(1)
    expect(vi.getTimerCount()).toBe(0)
    expect(result.isError).toBe(true)
    expect(store.getState().api.queries['getThing(1)']).toMatchObject({ status: 'rejected' })
  })
})
