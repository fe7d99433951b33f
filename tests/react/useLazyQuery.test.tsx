// @vitest-environment happy-dom
import { act, renderHook } from '@testing-library/react'
import { StrictMode, type ReactNode } from 'react'
import { describe, expect, it } from 'vitest'
import { skipToken } from 'api-slice/react'
import { deferred, liveSubscriptions } from '../core/helpers/setup'
import { apiState, makePostsApi, type Post, subscribedKeys, watchConsole } from './helpers/triggerHooks'

const consoleWatch = watchConsole()

/** Lets pending promise callbacks and a macrotask run (unhandled rejections are reported after one). */
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('useLazyQuery before the first trigger', () => {
  it('returns [trigger, result, { lastArg }] with an uninitialized result and makes no request', async () => {
    const { api, store, getPost, wrapper } = makePostsApi()

    const { result } = renderHook(() => api.useLazyGetPostQuery(), { wrapper })
    await act(nextTask)

    const [trigger, state, info] = result.current
    expect(typeof trigger).toBe('function')
    expect(state).toMatchObject({
      status: 'uninitialized',
      isUninitialized: true,
      isLoading: false,
      isFetching: false,
      isSuccess: false,
      isError: false,
    })
    expect(state.data).toBeUndefined()
    expect(info).toEqual({ lastArg: skipToken })
    expect(getPost).not.toHaveBeenCalled()
    expect(apiState(store).queries).toEqual({})
    expect(subscribedKeys(store)).toEqual([])
  })

  it('is the same hook on api.endpoints.getPost.useLazyQuery', () => {
    const { api } = makePostsApi()

    expect(api.endpoints.getPost.useLazyQuery).toBe(api.useLazyGetPostQuery)
  })
})

describe('useLazyQuery trigger', () => {
  it('fetches the argument, showing loading and then the data', async () => {
    const { api, getPost, wrapper } = makePostsApi()
    const response = deferred<{ data: Post }>()
    getPost.mockImplementationOnce(() => response.promise)
    const { result } = renderHook(() => api.useLazyGetPostQuery(), { wrapper })

    act(() => {
      void result.current[0](1)
    })

    expect(getPost).toHaveBeenCalledTimes(1)
    expect(getPost).toHaveBeenLastCalledWith(1)
    expect(result.current[1]).toMatchObject({ isUninitialized: false, isLoading: true, isFetching: true })
    expect(result.current[2]).toEqual({ lastArg: 1 })

    await act(async () => {
      response.resolve({ data: { id: 1, title: 'First' } })
      await nextTask()
    })

    expect(result.current[1]).toMatchObject({
      status: 'fulfilled',
      isLoading: false,
      isFetching: false,
      isSuccess: true,
      data: { id: 1, title: 'First' },
      currentData: { id: 1, title: 'First' },
      originalArgs: 1,
    })
  })

  it('resolves trigger(arg).unwrap() with the data', async () => {
    const { api, wrapper } = makePostsApi()
    const { result } = renderHook(() => api.useLazyGetPostQuery(), { wrapper })

    const data = await act(() => result.current[0](7).unwrap())

    expect(data).toEqual({ id: 7, title: 'Post 7' })
    expect(result.current[1].data).toEqual(data)
  })

  it('rejects trigger(arg).unwrap() with the error and shows it in the result', async () => {
    const { api, wrapper } = makePostsApi()
    const { result } = renderHook(() => api.useLazyGetPostQuery(), { wrapper })

    let thrown: unknown
    await act(async () => {
      thrown = await result.current[0](-1)
        .unwrap()
        .then(
          () => 'resolved',
          (error: unknown) => error,
        )
    })

    expect(thrown).toEqual({ status: 404, message: 'No post -1' })
    expect(result.current[1]).toMatchObject({ isError: true, isSuccess: false, error: thrown })
  })

  it('reuses the cached data without a request when preferCacheValue is true', async () => {
    const { api, getPost, wrapper } = makePostsApi()
    const { result } = renderHook(() => api.useLazyGetPostQuery(), { wrapper })
    await act(() => result.current[0](1).unwrap())
    expect(getPost).toHaveBeenCalledTimes(1)

    const data = await act(() => result.current[0](1, true).unwrap())

    expect(getPost).toHaveBeenCalledTimes(1)
    expect(data).toEqual({ id: 1, title: 'Post 1' })
    expect(result.current[1]).toMatchObject({ isSuccess: true, isFetching: false })
  })

  it('fetches with preferCacheValue when nothing is cached yet', async () => {
    const { api, getPost, wrapper } = makePostsApi()
    const { result } = renderHook(() => api.useLazyGetPostQuery(), { wrapper })

    const data = await act(() => result.current[0](3, true).unwrap())

    expect(getPost).toHaveBeenCalledTimes(1)
    expect(data).toEqual({ id: 3, title: 'Post 3' })
  })

  it('refetches cached data when triggered without preferCacheValue', async () => {
    const { api, getPost, titles, wrapper } = makePostsApi()
    const { result } = renderHook(() => api.useLazyGetPostQuery(), { wrapper })
    await act(() => result.current[0](1).unwrap())
    titles.set(1, 'Renamed')

    const data = await act(() => result.current[0](1).unwrap())

    expect(getPost).toHaveBeenCalledTimes(2)
    expect(data).toEqual({ id: 1, title: 'Renamed' })
    expect(result.current[1].data).toEqual({ id: 1, title: 'Renamed' })
  })
})

describe('useLazyQuery result across triggers', () => {
  it("keeps the previous argument's data in data, not currentData, while the new one loads", async () => {
    const { api, getPost, wrapper } = makePostsApi()
    const { result } = renderHook(() => api.useLazyGetPostQuery(), { wrapper })
    await act(() => result.current[0](1).unwrap())
    const response = deferred<{ data: Post }>()
    getPost.mockImplementationOnce(() => response.promise)

    act(() => {
      void result.current[0](2)
    })

    expect(result.current[1]).toMatchObject({ isFetching: true, isLoading: false, data: { id: 1, title: 'Post 1' } })
    expect(result.current[1].currentData).toBeUndefined()

    await act(async () => {
      response.resolve({ data: { id: 2, title: 'Post 2' } })
      await nextTask()
    })
    expect(result.current[1]).toMatchObject({
      data: { id: 2, title: 'Post 2' },
      currentData: { id: 2, title: 'Post 2' },
    })
  })

  it('returns only what selectFromResult picks, and skips renders for other changes', async () => {
    const { api, store, wrapper } = makePostsApi()
    let renders = 0
    const { result } = renderHook(
      () => {
        renders += 1
        return api.useLazyGetPostQuery({ selectFromResult: ({ data }) => ({ title: data?.title }) })
      },
      { wrapper },
    )
    await act(() => result.current[0](1).unwrap())
    expect(result.current[1]).toEqual({ title: 'Post 1' })
    const rendersBefore = renders

    await act(() => store.dispatch(api.endpoints.getPost.initiate(2)))

    expect(renders).toBe(rendersBefore)
  })

  it('makes one request and holds one subscription under StrictMode', async () => {
    const { api, store, getPost, wrapper: Provide } = makePostsApi()
    const wrapper = ({ children }: { children: ReactNode }) => (
      <StrictMode>
        <Provide>{children}</Provide>
      </StrictMode>
    )
    const { result, unmount } = renderHook(() => api.useLazyGetPostQuery(), { wrapper })

    await act(() => result.current[0](1).unwrap())

    expect(getPost).toHaveBeenCalledTimes(1)
    expect(Object.keys(liveSubscriptions(store)['getPost(1)'] ?? {})).toHaveLength(1)
    unmount()
    expect(subscribedKeys(store)).toEqual([])
  })
})

describe('useLazyQuery subscriptions', () => {
  it('subscribes the triggered argument only', async () => {
    const { api, store, wrapper } = makePostsApi()
    const { result } = renderHook(() => api.useLazyGetPostQuery(), { wrapper })

    await act(() => result.current[0](1).unwrap())
    expect(subscribedKeys(store)).toEqual(['getPost(1)'])
    expect(Object.keys(liveSubscriptions(store)['getPost(1)'] ?? {})).toHaveLength(1)
  })

  it('moves the subscription to the new argument on a second trigger and shows the new data', async () => {
    const { api, store, wrapper } = makePostsApi()
    const { result } = renderHook(() => api.useLazyGetPostQuery(), { wrapper })
    await act(() => result.current[0](1).unwrap())

    await act(() => result.current[0](2).unwrap())

    expect(subscribedKeys(store)).toEqual(['getPost(2)'])
    expect(result.current[2]).toEqual({ lastArg: 2 })
    expect(result.current[1]).toMatchObject({ originalArgs: 2, data: { id: 2, title: 'Post 2' } })
  })

  it('keeps one subscription when the same argument is triggered twice', async () => {
    const { api, store, wrapper } = makePostsApi()
    const { result } = renderHook(() => api.useLazyGetPostQuery(), { wrapper })
    await act(() => result.current[0](1).unwrap())

    await act(() => result.current[0](1).unwrap())

    expect(Object.keys(liveSubscriptions(store)['getPost(1)'] ?? {})).toHaveLength(1)
  })

  it('removes its subscription on unmount and keeps the cached data', async () => {
    const { api, store, wrapper } = makePostsApi()
    const { result, unmount } = renderHook(() => api.useLazyGetPostQuery(), { wrapper })
    await act(() => result.current[0](1).unwrap())

    unmount()

    expect(subscribedKeys(store)).toEqual([])
    expect(apiState(store).queries['getPost(1)']).toMatchObject({ status: 'fulfilled' })
  })
})

describe('useLazyQuery trigger after unmount', () => {
  it('runs the request without a subscription and warns with an [api-slice] message', async () => {
    const { api, store, getPost, wrapper } = makePostsApi()
    const { result, unmount } = renderHook(() => api.useLazyGetPostQuery(), { wrapper })
    const trigger = result.current[0]
    unmount()

    const data = await act(() => trigger(4).unwrap())

    expect(getPost).toHaveBeenCalledTimes(1)
    expect(data).toEqual({ id: 4, title: 'Post 4' })
    expect(apiState(store).queries['getPost(4)']).toMatchObject({ status: 'fulfilled' })
    expect(subscribedKeys(store)).toEqual([])
    const warnings = consoleWatch.apiSliceWarnings()
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/^\[api-slice\]/)
    expect(warnings[0]).toContain('getPost')
  })

  it('leaves no unhandled rejection and no React warning when the request fails', async () => {
    const { api, getPost, wrapper } = makePostsApi()
    const response = deferred<{ error: { status: number; message: string } }>()
    getPost.mockImplementationOnce(() => response.promise)
    const { result, unmount } = renderHook(() => api.useLazyGetPostQuery(), { wrapper })
    const trigger = result.current[0]
    unmount()

    const promise = trigger(-5)
    response.resolve({ error: { status: 500, message: 'down' } })
    await nextTask()
    await nextTask()

    await expect(promise).resolves.toMatchObject({ isError: true, error: { status: 500, message: 'down' } })
    expect(consoleWatch.rejections).toEqual([])
    expect(consoleWatch.error).not.toHaveBeenCalled()
    expect(consoleWatch.apiSliceWarnings()).toHaveLength(1)
  })

  it('does not warn for a trigger made while mounted that settles after unmount', async () => {
    const { api, store, getPost, wrapper } = makePostsApi()
    const response = deferred<{ data: Post }>()
    getPost.mockImplementationOnce(() => response.promise)
    const { result, unmount } = renderHook(() => api.useLazyGetPostQuery(), { wrapper })
    let promise!: ReturnType<(typeof result.current)[0]>
    act(() => {
      promise = result.current[0](1)
    })

    unmount()
    response.resolve({ data: { id: 1, title: 'Late' } })
    await nextTask()

    await expect(promise.unwrap()).resolves.toEqual({ id: 1, title: 'Late' })
    expect(subscribedKeys(store)).toEqual([])
    expect(consoleWatch.apiSliceWarnings()).toEqual([])
    expect(consoleWatch.error).not.toHaveBeenCalled()
  })
})

describe('useLazyQuerySubscription', () => {
  it('returns [trigger, lastArg], lastArg being skipToken until the first trigger', async () => {
    const { api, store, getPost, wrapper } = makePostsApi()
    const { result } = renderHook(() => api.endpoints.getPost.useLazyQuerySubscription(), { wrapper })

    expect(result.current).toHaveLength(2)
    expect(result.current[1]).toBe(skipToken)
    expect(getPost).not.toHaveBeenCalled()

    const data = await act(() => result.current[0](9).unwrap())

    expect(data).toEqual({ id: 9, title: 'Post 9' })
    expect(result.current[1]).toBe(9)
    expect(subscribedKeys(store)).toEqual(['getPost(9)'])
  })

  it('does not re-render when the data arrives, since it reads no query state', async () => {
    const { api, getPost, wrapper } = makePostsApi()
    const response = deferred<{ data: Post }>()
    getPost.mockImplementationOnce(() => response.promise)
    let renders = 0
    const { result } = renderHook(
      () => {
        renders += 1
        return api.endpoints.getPost.useLazyQuerySubscription()
      },
      { wrapper },
    )
    act(() => {
      void result.current[0](1)
    })
    const rendersAfterTrigger = renders

    await act(async () => {
      response.resolve({ data: { id: 1, title: 'First' } })
      await nextTask()
    })

    expect(rendersAfterTrigger).toBe(2)
    expect(renders).toBe(rendersAfterTrigger)
  })
})
