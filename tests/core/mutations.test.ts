import { afterEach, describe, expect, it, vi } from 'vitest'
import { createApi, type ApiState, type BaseQueryApi } from 'api-slice'
import { deferred, setupStore } from './helpers/setup'

interface NewPost {
  title: string
}

type Outcome = { data: unknown } | { error: unknown }

/** `addPost` sends its argument to the baseQuery; the baseQuery mock decides the outcome. */
function makeApi(baseQuery: (arg: unknown, api: BaseQueryApi) => Outcome | Promise<Outcome>) {
  const mock = vi.fn(baseQuery)
  const api = createApi({
    baseQuery: mock,
    endpoints: (build) => ({
      addPost: build.mutation<{ id: number; title: string }, NewPost>({ query: (post) => post }),
    }),
  })
  return { api, baseQuery: mock, store: setupStore(api) }
}

const created = (arg: unknown): Outcome => ({ data: { id: 1, ...(arg as NewPost) } })

function apiState(store: { getState(): any }): ApiState {
  return store.getState().api
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('mutation initiate', () => {
  it('resolves to { data } and stores the fulfilled entry under its request id', async () => {
    const { api, store } = makeApi(created)
    const promise = store.dispatch(api.endpoints.addPost.initiate({ title: 'hello' }))
    expect(apiState(store).mutations[promise.requestId]).toMatchObject({ status: 'pending' })

    const result = await promise
    expect(result).toEqual({ data: { id: 1, title: 'hello' } })
    expect(apiState(store).mutations[promise.requestId]).toMatchObject({
      status: 'fulfilled',
      endpointName: 'addPost',
      requestId: promise.requestId,
      data: { id: 1, title: 'hello' },
    })
  })

  it('carries its argument and request id on the returned promise', () => {
    const { api, store } = makeApi(created)
    const promise = store.dispatch(api.endpoints.addPost.initiate({ title: 'x' }))
    expect(promise.arg).toMatchObject({ endpointName: 'addPost', originalArgs: { title: 'x' } })
    expect(typeof promise.requestId).toBe('string')
    expect(promise.requestId).not.toBe(store.dispatch(api.endpoints.addPost.initiate({ title: 'x' })).requestId)
  })

  it('resolves to { error } for an error result and does not reject', async () => {
    const { api, store } = makeApi(() => ({ error: { status: 422, data: 'invalid' } }))
    const promise = store.dispatch(api.endpoints.addPost.initiate({ title: '' }))
    await expect(promise).resolves.toEqual({ error: { status: 422, data: 'invalid' } })
    expect(apiState(store).mutations[promise.requestId]).toMatchObject({
      status: 'rejected',
      error: { status: 422, data: 'invalid' },
    })
  })

  it('resolves to { error } with the serialized error when the baseQuery throws', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {})
    const { api, store } = makeApi(() => {
      throw new Error('network gone')
    })
    const result = await store.dispatch(api.endpoints.addPost.initiate({ title: 'x' }))
    expect(result.error).toMatchObject({ name: 'Error', message: 'network gone' })
    expect(consoleError).toHaveBeenCalledTimes(1)
  })

  it('makes a request for every dispatch, even with equal arguments', async () => {
    const { api, baseQuery, store } = makeApi(created)
    await store.dispatch(api.endpoints.addPost.initiate({ title: 'same' }))
    await store.dispatch(api.endpoints.addPost.initiate({ title: 'same' }))
    expect(baseQuery).toHaveBeenCalledTimes(2)
    expect(Object.keys(apiState(store).mutations)).toHaveLength(2)
  })

  it('gives the baseQuery a mutation api object', async () => {
    const { api, baseQuery, store } = makeApi(created)
    await store.dispatch(api.endpoints.addPost.initiate({ title: 'x' }))
    expect(baseQuery.mock.calls[0]![1]).toMatchObject({ endpoint: 'addPost', type: 'mutation' })
    expect(baseQuery.mock.calls[0]![1].signal).toBeInstanceOf(AbortSignal)
  })
})

describe('unwrap', () => {
  it('resolves to the data', async () => {
    const { api, store } = makeApi(created)
    await expect(store.dispatch(api.endpoints.addPost.initiate({ title: 'u' })).unwrap()).resolves.toEqual({
      id: 1,
      title: 'u',
    })
  })

  it('rejects with the error', async () => {
    const { api, store } = makeApi(() => ({ error: { status: 409 } }))
    await expect(store.dispatch(api.endpoints.addPost.initiate({ title: 'u' })).unwrap()).rejects.toEqual({
      status: 409,
    })
  })
})

describe('track: false', () => {
  it('keeps nothing in state while running or after settling, yet resolves', async () => {
    const response = deferred<Outcome>()
    const { api, store } = makeApi(() => response.promise)
    const promise = store.dispatch(api.endpoints.addPost.initiate({ title: 'quiet' }, { track: false }))
    expect(apiState(store).mutations).toEqual({})

    response.resolve({ data: { id: 2, title: 'quiet' } })
    await expect(promise).resolves.toEqual({ data: { id: 2, title: 'quiet' } })
    expect(apiState(store).mutations).toEqual({})
    expect(api.endpoints.addPost.select(promise.requestId)(store.getState()).isUninitialized).toBe(true)
  })
})

describe('fixedCacheKey', () => {
  it('shares one entry between mutations with the same key, readable with select({ fixedCacheKey })', async () => {
    let n = 0
    const { api, store } = makeApi((arg) => ({ data: { id: ++n, ...(arg as NewPost) } }))
    const select = api.endpoints.addPost.select({ fixedCacheKey: 'shared' })

    const first = await store.dispatch(api.endpoints.addPost.initiate({ title: 'one' }, { fixedCacheKey: 'shared' }))
    expect(first.data).toEqual({ id: 1, title: 'one' })
    const second = store.dispatch(api.endpoints.addPost.initiate({ title: 'two' }, { fixedCacheKey: 'shared' }))
    await second

    expect(Object.keys(apiState(store).mutations)).toEqual(['shared'])
    expect(select(store.getState())).toMatchObject({
      status: 'fulfilled',
      isSuccess: true,
      data: { id: 2, title: 'two' },
      requestId: second.requestId,
    })
    expect(second.arg.fixedCacheKey).toBe('shared')
  })

  it('lets the latest mutation own the shared entry when an earlier one settles later', async () => {
    const responses = [deferred<Outcome>(), deferred<Outcome>()]
    let call = 0
    const { api, store } = makeApi(() => responses[call++]!.promise)
    const select = api.endpoints.addPost.select({ fixedCacheKey: 'form' })

    const slow = store.dispatch(api.endpoints.addPost.initiate({ title: 'slow' }, { fixedCacheKey: 'form' }))
    const fast = store.dispatch(api.endpoints.addPost.initiate({ title: 'fast' }, { fixedCacheKey: 'form' }))
    responses[1]!.resolve({ data: 'fast result' })
    await fast
    responses[0]!.resolve({ data: 'slow result' })
    await expect(slow).resolves.toEqual({ data: 'slow result' })

    expect(select(store.getState())).toMatchObject({ data: 'fast result', requestId: fast.requestId })
  })
})

describe('reset', () => {
  it('removes the entry of a tracked mutation', async () => {
    const { api, store } = makeApi(created)
    const promise = store.dispatch(api.endpoints.addPost.initiate({ title: 'r' }))
    await promise
    expect(Object.keys(apiState(store).mutations)).toEqual([promise.requestId])

    promise.reset()
    expect(apiState(store).mutations).toEqual({})
    expect(api.endpoints.addPost.select(promise.requestId)(store.getState()).isUninitialized).toBe(true)
  })

  it('removes a fixedCacheKey entry', async () => {
    const { api, store } = makeApi(created)
    const promise = store.dispatch(api.endpoints.addPost.initiate({ title: 'r' }, { fixedCacheKey: 'k' }))
    await promise
    promise.reset()
    expect(apiState(store).mutations).toEqual({})
    expect(api.endpoints.addPost.select({ fixedCacheKey: 'k' })(store.getState()).status).toBe('uninitialized')
  })

  it('does not let a reset before settling bring the entry back', async () => {
    const response = deferred<Outcome>()
    const { api, store } = makeApi(() => response.promise)
    const promise = store.dispatch(api.endpoints.addPost.initiate({ title: 'r' }))
    promise.reset()
    response.resolve({ data: 'late' })
    await expect(promise).resolves.toEqual({ data: 'late' })
    expect(apiState(store).mutations).toEqual({})
  })
})

describe('abort', () => {
  it('settles at once with an AbortError, aborts the signal and stores the rejection', async () => {
    let signal: AbortSignal | undefined
    const { api, store } = makeApi((_arg, baseQueryApi) => {
      signal = baseQueryApi.signal
      return new Promise<Outcome>(() => {})
    })
    const promise = store.dispatch(api.endpoints.addPost.initiate({ title: 'a' }))
    promise.abort()

    const result = await promise
    expect(signal?.aborted).toBe(true)
    expect(result.error).toMatchObject({ name: 'AbortError' })
    expect(apiState(store).mutations[promise.requestId]).toMatchObject({
      status: 'rejected',
      error: { name: 'AbortError' },
    })
    await expect(promise.unwrap()).rejects.toMatchObject({ name: 'AbortError' })
  })
})
