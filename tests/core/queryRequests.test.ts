import { afterEach, describe, expect, it, vi } from 'vitest'
import { configureStore, type Middleware, type UnknownAction } from '@reduxjs/toolkit'
import { createApi, type ApiState, type BaseQueryApi } from 'api-slice'
import { setupStore } from './helpers/setup'

afterEach(() => {
  vi.restoreAllMocks()
})

function apiState(store: { getState(): any }): ApiState {
  return store.getState().api
}

/** A store with the api that also records every action reaching the reducers. */
function storeRecordingActions(api: { reducerPath: string; reducer: any; middleware: any }) {
  const actions: UnknownAction[] = []
  const recorder: Middleware = () => (next) => (action) => {
    actions.push(action as UnknownAction)
    return next(action)
  }
  const store = configureStore({
    reducer: { [api.reducerPath]: api.reducer },
    middleware: (getDefaultMiddleware) =>
      getDefaultMiddleware({ serializableCheck: false, immutableCheck: false }).concat(api.middleware, recorder),
  })
  return { store, actions }
}

describe('what the baseQuery receives', () => {
  it('gets the query result, the api object and the endpoint extraOptions', async () => {
    const baseQuery = vi.fn((_arg: unknown, _api: BaseQueryApi, _extra: unknown) => ({ data: 'ok' }))
    const api = createApi({
      baseQuery,
      endpoints: (build) => ({
        getPost: build.query<string, number>({
          query: (id) => ({ url: `posts/${id}` }),
          extraOptions: { retries: 3 },
        }),
      }),
    })
    const store = setupStore(api)
    await store.dispatch(api.endpoints.getPost.initiate(4))

    expect(baseQuery).toHaveBeenCalledTimes(1)
    const [arg, baseQueryApi, extraOptions] = baseQuery.mock.calls[0]!
    expect(arg).toEqual({ url: 'posts/4' })
    expect(extraOptions).toEqual({ retries: 3 })
    expect(baseQueryApi).toMatchObject({
      endpoint: 'getPost',
      type: 'query',
      queryCacheKey: 'getPost(4)',
      forced: false,
    })
    expect(baseQueryApi.signal).toBeInstanceOf(AbortSignal)
    expect(baseQueryApi.signal.aborted).toBe(false)
    expect(typeof baseQueryApi.dispatch).toBe('function')
    expect(baseQueryApi.getState()).toBe(store.getState())
  })

  it('marks refetches as forced', async () => {
    const baseQuery = vi.fn((_arg: unknown, _api: BaseQueryApi) => ({ data: 'ok' }))
    const api = createApi({
      baseQuery,
      endpoints: (build) => ({ getPost: build.query<string, number>({ query: (id) => `posts/${id}` }) }),
    })
    const store = setupStore(api)
    const promise = store.dispatch(api.endpoints.getPost.initiate(1))
    await promise
    await promise.refetch()
    await store.dispatch(api.endpoints.getPost.initiate(1, { forceRefetch: true }))

    expect(baseQuery.mock.calls.map(([, baseQueryApi]) => baseQueryApi.forced)).toEqual([false, true, true])
  })

  it('marks a refetch caused by refetchOnMountOrArgChange as forced', async () => {
    const baseQuery = vi.fn((_arg: unknown, _api: BaseQueryApi) => ({ data: 'ok' }))
    const api = createApi({
      baseQuery,
      refetchOnMountOrArgChange: true,
      endpoints: (build) => ({ getPost: build.query<string, number>({ query: (id) => `posts/${id}` }) }),
    })
    const store = setupStore(api)
    await store.dispatch(api.endpoints.getPost.initiate(1))
    await store.dispatch(api.endpoints.getPost.initiate(1))

    expect(baseQuery).toHaveBeenCalledTimes(2)
    expect(baseQuery.mock.calls[1]![1].forced).toBe(true)
  })
})

describe('transforms', () => {
  it('transformResponse receives the raw data, the baseQuery meta and the argument', async () => {
    const transformResponse = vi.fn((raw: { value: number }, _meta: unknown, arg: number) => ({
      doubled: raw.value * 2,
      arg,
    }))
    const api = createApi({
      baseQuery: () => ({ data: { value: 21 }, meta: { status: 200 } }),
      endpoints: (build) => ({
        getValue: build.query<{ doubled: number; arg: number }, number>({ query: (n) => n, transformResponse }),
      }),
    })
    const store = setupStore(api)
    const result = await store.dispatch(api.endpoints.getValue.initiate(5))

    expect(transformResponse).toHaveBeenCalledWith({ value: 21 }, { status: 200 }, 5)
    expect(result.data).toEqual({ doubled: 42, arg: 5 })
    expect(apiState(store).queries['getValue(5)']?.data).toEqual({ doubled: 42, arg: 5 })
  })

  it('transformErrorResponse receives the error, the meta and the argument, and its result is stored', async () => {
    const transformErrorResponse = vi.fn((error: unknown, _meta: unknown, arg: number) => ({ wrapped: error, arg }))
    const api = createApi({
      baseQuery: () => ({ error: { status: 418 }, meta: { attempt: 1 } }),
      endpoints: (build) => ({
        getValue: build.query<number, number>({ query: (n) => n, transformErrorResponse }),
      }),
    })
    const store = setupStore(api)
    const result = await store.dispatch(api.endpoints.getValue.initiate(2))

    expect(transformErrorResponse).toHaveBeenCalledWith({ status: 418 }, { attempt: 1 }, 2)
    expect(result).toMatchObject({ isError: true, error: { wrapped: { status: 418 }, arg: 2 } })
    await expect(store.dispatch(api.endpoints.getValue.initiate(2)).unwrap()).rejects.toEqual({
      wrapped: { status: 418 },
      arg: 2,
    })
  })
})

describe('queryFn', () => {
  it('runs instead of the baseQuery and can call the baseQuery it is given', async () => {
    const baseQuery = vi.fn((arg: unknown, _api: BaseQueryApi, _extra: unknown) => ({ data: `fetched ${String(arg)}` }))
    const queryFn = vi.fn(
      async (
        arg: number,
        _api: BaseQueryApi,
        _extra: unknown,
        callBaseQuery: (arg: string) => unknown,
      ): Promise<{ data: string }> => {
        const inner = (await callBaseQuery(`items/${arg}`)) as { data: string }
        return { data: `${inner.data}!` }
      },
    )
    const api = createApi({
      baseQuery,
      endpoints: (build) => ({
        getItem: build.query<string, number>({ queryFn: queryFn as never, extraOptions: { flag: true } }),
      }),
    })
    const store = setupStore(api)
    const result = await store.dispatch(api.endpoints.getItem.initiate(9))

    expect(result.data).toBe('fetched items/9!')
    expect(queryFn).toHaveBeenCalledTimes(1)
    const [arg, queryFnApi, extra] = queryFn.mock.calls[0]!
    expect(arg).toBe(9)
    expect(queryFnApi).toMatchObject({ endpoint: 'getItem', type: 'query', queryCacheKey: 'getItem(9)' })
    expect(extra).toEqual({ flag: true })
    expect(baseQuery).toHaveBeenCalledTimes(1)
    expect(baseQuery.mock.calls[0]![0]).toBe('items/9')
    expect(baseQuery.mock.calls[0]![2]).toEqual({ flag: true })
  })

  it('stores an { error } a queryFn returns as the rejected entry', async () => {
    const api = createApi({
      baseQuery: () => ({ data: 'unused' }),
      endpoints: (build) => ({
        getItem: build.query<string, number>({ queryFn: () => ({ error: { reason: 'nope' } }) }),
      }),
    })
    const store = setupStore(api)
    const result = await store.dispatch(api.endpoints.getItem.initiate(1))
    expect(result).toMatchObject({ status: 'rejected', error: { reason: 'nope' } })
  })
})

describe('error results', () => {
  it('an { error } result rejects the entry with that exact value and puts it in the action payload', async () => {
    const error = { status: 500, data: { message: 'server down' } }
    const api = createApi({
      baseQuery: () => ({ error }),
      endpoints: (build) => ({ getPost: build.query<string, number>({ query: (id) => id }) }),
    })
    const { store, actions } = storeRecordingActions(api)
    const result = await store.dispatch(api.endpoints.getPost.initiate(1))

    expect(result).toMatchObject({ status: 'rejected', isError: true, isSuccess: false, isLoading: false })
    expect(result.error).toBe(error)
    expect(apiState(store).queries['getPost(1)']).toMatchObject({ status: 'rejected', error })

    const rejected = actions.filter((action) => api.endpoints.getPost.matchRejected(action))
    expect(rejected).toHaveLength(1)
    expect(rejected[0]).toMatchObject({ payload: error, meta: { rejectedWithValue: true, requestStatus: 'rejected' } })
  })

  it('a baseQuery that throws rejects the entry with the serialized error and reports it once', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {})
    const api = createApi({
      baseQuery: () => {
        throw new TypeError('exploded')
      },
      endpoints: (build) => ({ getPost: build.query<string, number>({ query: (id) => id }) }),
    })
    const store = setupStore(api)
    const result = await store.dispatch(api.endpoints.getPost.initiate(1))

    expect(result.status).toBe('rejected')
    expect(result.error).toMatchObject({ name: 'TypeError', message: 'exploded' })
    expect(typeof (result.error as { stack?: unknown }).stack).toBe('string')
    expect(consoleError).toHaveBeenCalledTimes(1)
    expect(String(consoleError.mock.calls[0]![0])).toMatch(/^\[api-slice\].*getPost/)
  })

  it('keeps the previous data when a refetch fails', async () => {
    let calls = 0
    const api = createApi({
      baseQuery: () => (++calls === 1 ? { data: 'first' } : { error: 'offline' }),
      endpoints: (build) => ({ getPost: build.query<string, number>({ query: (id) => id }) }),
    })
    const store = setupStore(api)
    const promise = store.dispatch(api.endpoints.getPost.initiate(1))
    await promise
    const result = await promise.refetch()

    expect(result).toMatchObject({ status: 'rejected', error: 'offline', data: 'first' })
  })
})
