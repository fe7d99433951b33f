// @vitest-environment happy-dom
import { act, renderHook } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { deferred } from '../core/helpers/setup'
import { apiState, makePostsApi, type Post, type PostError, watchConsole } from './helpers/triggerHooks'

watchConsole()

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('useMutation result', () => {
  it('returns [trigger, result] with an uninitialized result and no mutation entry', () => {
    const { api, store, editPost, wrapper } = makePostsApi()

    const { result } = renderHook(() => api.useEditPostMutation(), { wrapper })

    const [trigger, state] = result.current
    expect(typeof trigger).toBe('function')
    expect(typeof state.reset).toBe('function')
    expect(state).toMatchObject({
      status: 'uninitialized',
      isUninitialized: true,
      isLoading: false,
      isSuccess: false,
      isError: false,
    })
    expect(state.data).toBeUndefined()
    expect(state.error).toBeUndefined()
    expect(state.originalArgs).toBeUndefined()
    expect(editPost).not.toHaveBeenCalled()
    expect(apiState(store).mutations).toEqual({})
  })

  it('keeps the same trigger function across renders', async () => {
    const { api, wrapper } = makePostsApi()
    const { result } = renderHook(() => api.useEditPostMutation(), { wrapper })
    const trigger = result.current[0]

    await act(() => trigger({ id: 1, title: 'New' }).unwrap())

    expect(result.current[0]).toBe(trigger)
  })

  it('is the same hook on api.endpoints.editPost.useMutation', () => {
    const { api } = makePostsApi()

    expect(api.endpoints.editPost.useMutation).toBe(api.useEditPostMutation)
  })

  it('goes from isLoading to isSuccess with the data and the original arguments', async () => {
    const { api, editPost, wrapper } = makePostsApi()
    const response = deferred<{ data: Post }>()
    editPost.mockImplementationOnce(() => response.promise)
    const { result } = renderHook(() => api.useEditPostMutation(), { wrapper })

    act(() => {
      void result.current[0]({ id: 1, title: 'New' })
    })

    expect(result.current[1]).toMatchObject({
      status: 'pending',
      isUninitialized: false,
      isLoading: true,
      isSuccess: false,
      originalArgs: { id: 1, title: 'New' },
    })
    expect(result.current[1].data).toBeUndefined()

    await act(async () => {
      response.resolve({ data: { id: 1, title: 'Saved' } })
      await nextTask()
    })

    expect(result.current[1]).toMatchObject({
      status: 'fulfilled',
      isLoading: false,
      isSuccess: true,
      isError: false,
      data: { id: 1, title: 'Saved' },
      originalArgs: { id: 1, title: 'New' },
    })
  })

  it('resolves trigger(arg).unwrap() with the data', async () => {
    const { api, wrapper } = makePostsApi()
    const { result } = renderHook(() => api.useEditPostMutation(), { wrapper })

    const data = await act(() => result.current[0]({ id: 2, title: 'Two' }).unwrap())

    expect(data).toEqual({ id: 2, title: 'Two' })
    expect(result.current[1].data).toEqual(data)
  })

  it('shows an error result and rejects unwrap() with the error', async () => {
    const { api, wrapper } = makePostsApi()
    const { result } = renderHook(() => api.useEditPostMutation(), { wrapper })

    let thrown: unknown
    await act(async () => {
      thrown = await result.current[0]({ id: -1, title: 'Bad' })
        .unwrap()
        .then(
          () => 'resolved',
          (error: unknown) => error,
        )
    })

    const expected: PostError = { status: 404, message: 'No post -1' }
    expect(thrown).toEqual(expected)
    expect(result.current[1]).toMatchObject({
      status: 'rejected',
      isError: true,
      isSuccess: false,
      isLoading: false,
      error: expected,
      originalArgs: { id: -1, title: 'Bad' },
    })
    expect(result.current[1].data).toBeUndefined()
  })

  it('resolves the un-unwrapped promise with { error } instead of rejecting', async () => {
    const { api, wrapper } = makePostsApi()
    const { result } = renderHook(() => api.useEditPostMutation(), { wrapper })

    const outcome = await act(() => result.current[0]({ id: -2, title: 'Bad' }))

    expect(outcome).toEqual({ error: { status: 404, message: 'No post -2' } })
  })
})

describe('useMutation reset and cleanup', () => {
  it('reset() returns the result to uninitialized and removes the mutation entry', async () => {
    const { api, store, wrapper } = makePostsApi()
    const { result } = renderHook(() => api.useEditPostMutation(), { wrapper })
    await act(() => result.current[0]({ id: 1, title: 'New' }).unwrap())
    expect(Object.keys(apiState(store).mutations)).toHaveLength(1)

    act(() => result.current[1].reset())

    expect(result.current[1]).toMatchObject({ status: 'uninitialized', isUninitialized: true, isSuccess: false })
    expect(result.current[1].data).toBeUndefined()
    expect(result.current[1].originalArgs).toBeUndefined()
    expect(apiState(store).mutations).toEqual({})
  })

  it('removes its mutation entry from state.api.mutations on unmount', async () => {
    const { api, store, wrapper } = makePostsApi()
    const { result, unmount } = renderHook(() => api.useEditPostMutation(), { wrapper })
    let promise!: ReturnType<(typeof result.current)[0]>
    await act(async () => {
      promise = result.current[0]({ id: 1, title: 'New' })
      await promise
    })
    expect(apiState(store).mutations[promise.requestId]).toMatchObject({ status: 'fulfilled' })

    unmount()

    expect(apiState(store).mutations).toEqual({})
  })

  it('leaves no entry behind when it unmounts while the mutation is running', async () => {
    const { api, store, editPost, wrapper } = makePostsApi()
    const response = deferred<{ data: Post }>()
    editPost.mockImplementationOnce(() => response.promise)
    const { result, unmount } = renderHook(() => api.useEditPostMutation(), { wrapper })
    let promise!: ReturnType<(typeof result.current)[0]>
    act(() => {
      promise = result.current[0]({ id: 1, title: 'New' })
    })

    unmount()
    response.resolve({ data: { id: 1, title: 'New' } })
    await nextTask()

    await expect(promise.unwrap()).resolves.toEqual({ id: 1, title: 'New' })
    expect(apiState(store).mutations).toEqual({})
  })

  it('reset() during a running mutation keeps the late result out of the component and the state', async () => {
    const { api, store, editPost, wrapper } = makePostsApi()
    const response = deferred<{ data: Post }>()
    editPost.mockImplementationOnce(() => response.promise)
    const { result } = renderHook(() => api.useEditPostMutation(), { wrapper })
    act(() => {
      void result.current[0]({ id: 1, title: 'New' })
    })

    act(() => result.current[1].reset())
    await act(async () => {
      response.resolve({ data: { id: 1, title: 'New' } })
      await nextTask()
    })

    expect(result.current[1]).toMatchObject({ isUninitialized: true })
    expect(result.current[1].data).toBeUndefined()
    expect(apiState(store).mutations).toEqual({})
  })

  it('replaces the previous result on a new trigger, removing its entry', async () => {
    const { api, store, wrapper } = makePostsApi()
    const { result } = renderHook(() => api.useEditPostMutation(), { wrapper })
    type Started = ReturnType<(typeof result.current)[0]>
    let first!: Started
    let second!: Started
    await act(async () => {
      first = result.current[0]({ id: 1, title: 'First' })
      await first
    })

    await act(async () => {
      second = result.current[0]({ id: 2, title: 'Second' })
      await second
    })

    expect(Object.keys(apiState(store).mutations)).toEqual([second.requestId])
    expect(apiState(store).mutations[first.requestId]).toBeUndefined()
    expect(result.current[1]).toMatchObject({
      isSuccess: true,
      data: { id: 2, title: 'Second' },
      originalArgs: { id: 2, title: 'Second' },
      requestId: second.requestId,
    })
  })

  it('ignores the previous call settling after a new one started', async () => {
    const { api, editPost, wrapper } = makePostsApi()
    const slow = deferred<{ data: Post }>()
    const fast = deferred<{ data: Post }>()
    editPost.mockImplementationOnce(() => slow.promise).mockImplementationOnce(() => fast.promise)
    const { result } = renderHook(() => api.useEditPostMutation(), { wrapper })
    act(() => {
      void result.current[0]({ id: 1, title: 'Slow' })
    })
    act(() => {
      void result.current[0]({ id: 1, title: 'Fast' })
    })

    await act(async () => {
      slow.resolve({ data: { id: 1, title: 'Slow' } })
      await nextTask()
    })

    expect(result.current[1]).toMatchObject({ isLoading: true, originalArgs: { id: 1, title: 'Fast' } })
    expect(result.current[1].data).toBeUndefined()

    await act(async () => {
      fast.resolve({ data: { id: 1, title: 'Fast' } })
      await nextTask()
    })

    expect(result.current[1]).toMatchObject({ isSuccess: true, data: { id: 1, title: 'Fast' } })
  })
})
