// @vitest-environment happy-dom
import { act, fireEvent, render, renderHook, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { deferred } from '../core/helpers/setup'
import { apiState, makePostsApi, type Post, watchConsole } from './helpers/triggerHooks'

/** useMutation shared across components: fixedCacheKey, selectFromResult, and tag invalidation of mounted queries. */

watchConsole()

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('useMutation fixedCacheKey', () => {
  function renderShared() {
    const setup = makePostsApi()
    const { api, wrapper } = setup
    const a = renderHook(() => api.useEditPostMutation({ fixedCacheKey: 'shared' }), { wrapper })
    const b = renderHook(() => api.useEditPostMutation({ fixedCacheKey: 'shared' }), { wrapper })
    return { ...setup, a, b }
  }

  it("lets component B see component A's mutation, pending and settled", async () => {
    const { editPost, a, b } = renderShared()
    const response = deferred<{ data: Post }>()
    editPost.mockImplementationOnce(() => response.promise)

    act(() => {
      void a.result.current[0]({ id: 1, title: 'Shared' })
    })
    expect(b.result.current[1]).toMatchObject({ isLoading: true, isUninitialized: false })

    await act(async () => {
      response.resolve({ data: { id: 1, title: 'Shared' } })
      await nextTask()
    })

    expect(b.result.current[1]).toMatchObject({ isSuccess: true, data: { id: 1, title: 'Shared' } })
    expect(a.result.current[1]).toMatchObject({ isSuccess: true, data: { id: 1, title: 'Shared' } })
  })

  it('stores the shared result under the fixedCacheKey', async () => {
    const { store, a } = renderShared()

    await act(() => a.result.current[0]({ id: 1, title: 'Shared' }).unwrap())

    expect(Object.keys(apiState(store).mutations)).toEqual(['shared'])
  })

  it('keeps the result for the other component when one unmounts', async () => {
    const { store, a, b } = renderShared()
    await act(() => a.result.current[0]({ id: 1, title: 'Shared' }).unwrap())

    a.unmount()

    expect(apiState(store).mutations['shared']).toMatchObject({ status: 'fulfilled' })
    expect(b.result.current[1]).toMatchObject({ isSuccess: true, data: { id: 1, title: 'Shared' } })
  })

  it('keeps the result for the triggering component when the other unmounts', async () => {
    const { store, a, b } = renderShared()
    await act(() => a.result.current[0]({ id: 1, title: 'Shared' }).unwrap())

    b.unmount()

    expect(apiState(store).mutations['shared']).toMatchObject({ status: 'fulfilled' })
    expect(a.result.current[1]).toMatchObject({ isSuccess: true, data: { id: 1, title: 'Shared' } })
  })

  it('shows the latest call of any component sharing the key', async () => {
    const { a, b } = renderShared()
    await act(() => a.result.current[0]({ id: 1, title: 'From A' }).unwrap())

    await act(() => b.result.current[0]({ id: 1, title: 'From B' }).unwrap())

    expect(a.result.current[1].data).toEqual({ id: 1, title: 'From B' })
    expect(b.result.current[1].data).toEqual({ id: 1, title: 'From B' })
  })

  it('reset() clears the shared result for every component using the key', async () => {
    const { store, a, b } = renderShared()
    await act(() => a.result.current[0]({ id: 1, title: 'Shared' }).unwrap())

    act(() => b.result.current[1].reset())

    expect(apiState(store).mutations).toEqual({})
    expect(a.result.current[1]).toMatchObject({ isUninitialized: true })
    expect(b.result.current[1]).toMatchObject({ isUninitialized: true })
  })
})

describe('useMutation selectFromResult', () => {
  it('returns the selection plus originalArgs and reset', async () => {
    const { api, wrapper } = makePostsApi()
    const { result } = renderHook(
      () => api.useEditPostMutation({ selectFromResult: ({ data, isLoading }) => ({ title: data?.title, isLoading }) }),
      { wrapper },
    )

    await act(() => result.current[0]({ id: 1, title: 'Picked' }).unwrap())

    const state = result.current[1]
    expect(state.title).toBe('Picked')
    expect(state.isLoading).toBe(false)
    expect(state.originalArgs).toEqual({ id: 1, title: 'Picked' })
    expect(typeof state.reset).toBe('function')
    expect(state).not.toHaveProperty('status')
    expect(state).not.toHaveProperty('data')
  })

  it('does not re-render when state it does not select changes', async () => {
    const { api, store, wrapper } = makePostsApi()
    let renders = 0
    const { result } = renderHook(
      () => {
        renders += 1
        return api.useEditPostMutation({ selectFromResult: ({ data }) => ({ title: data?.title }) })
      },
      { wrapper },
    )
    await act(() => result.current[0]({ id: 1, title: 'Mine' }).unwrap())
    const rendersBefore = renders

    await act(() => store.dispatch(api.endpoints.editPost.initiate({ id: 2, title: 'Elsewhere' })))
    await act(() => store.dispatch(api.endpoints.getPost.initiate(3)))

    expect(renders).toBe(rendersBefore)
    expect(result.current[1].title).toBe('Mine')
  })
})

describe('useMutation invalidating a mounted useQuery', () => {
  function PostTitle({ id, api }: { id: number; api: ReturnType<typeof makePostsApi>['api'] }) {
    const { data, isFetching } = api.useGetPostQuery(id)
    return (
      <p data-testid={`post-${id}`}>
        {data?.title ?? 'none'}
        {isFetching ? ' (fetching)' : ''}
      </p>
    )
  }

  function Rename({ id, api }: { id: number; api: ReturnType<typeof makePostsApi>['api'] }) {
    const [editPost, { isLoading }] = api.useEditPostMutation()
    return (
      <button disabled={isLoading} onClick={() => void editPost({ id, title: `Renamed ${id}` })}>
        rename {id}
      </button>
    )
  }

  it('refetches the query that provides the invalidated tag and shows the new data', async () => {
    const { api, getPost, wrapper } = makePostsApi()
    render(
      <>
        <PostTitle id={1} api={api} />
        <PostTitle id={2} api={api} />
        <Rename id={1} api={api} />
      </>,
      { wrapper },
    )
    await waitFor(() => expect(screen.getByTestId('post-1').textContent).toBe('Post 1'))
    await waitFor(() => expect(screen.getByTestId('post-2').textContent).toBe('Post 2'))
    expect(getPost).toHaveBeenCalledTimes(2)

    fireEvent.click(screen.getByText('rename 1'))

    await waitFor(() => expect(screen.getByTestId('post-1').textContent).toBe('Renamed 1'))
    expect(getPost).toHaveBeenCalledTimes(3)
    expect(getPost).toHaveBeenLastCalledWith(1)
    expect(screen.getByTestId('post-2').textContent).toBe('Post 2')
  })
})
