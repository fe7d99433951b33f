// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { act, cleanup, render, renderHook, screen } from '@testing-library/react'
import { createPostsApi, settle, storeWrapper, subscriberCounts } from './helpers/queryHooks'

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

type Setup = ReturnType<typeof createPostsApi>

/** `api.useGetPostQuery(id)` under <StrictMode>. */
function renderStrictGetPost(setup: Setup, id: number) {
  return renderHook(({ id }: { id: number }) => setup.api.useGetPostQuery(id), {
    initialProps: { id },
    wrapper: storeWrapper(setup.store, { strict: true }),
  })
}

describe('useQuery under StrictMode', () => {
  it('makes one request and holds one subscription per key while mounted, and none after unmount', async () => {
    const setup = createPostsApi()
    function Title({ id }: { id: number }) {
      const { data } = setup.api.useGetPostQuery(id)
      return <li>{data?.title ?? 'loading'}</li>
    }
    const { unmount } = render(
      <ul>
        <Title id={1} />
        <Title id={2} />
      </ul>,
      { wrapper: storeWrapper(setup.store, { strict: true }) },
    )
    await settle()
    expect(screen.getByText('Post 1')).toBeTruthy()
    expect(screen.getByText('Post 2')).toBeTruthy()
    expect(setup.requests().map((request) => request.arg)).toEqual([1, 2])
    expect(subscriberCounts(setup.store)).toEqual({ 'getPost(1)': 1, 'getPost(2)': 1 })

    unmount()
    expect(subscriberCounts(setup.store)).toEqual({})
    expect(setup.requests()).toHaveLength(2)
  })

  it('gives two components on one key one request and one subscription each', async () => {
    const setup = createPostsApi()
    function Title() {
      const { data } = setup.api.useGetPostQuery(1)
      return <li>{data?.title ?? 'loading'}</li>
    }
    render(
      <ul>
        <Title />
        <Title />
      </ul>,
      { wrapper: storeWrapper(setup.store, { strict: true }) },
    )
    await settle()
    expect(screen.getAllByText('Post 1')).toHaveLength(2)
    expect(setup.requests()).toHaveLength(1)
    expect(subscriberCounts(setup.store)).toEqual({ 'getPost(1)': 2 })
  })

  it('leaves only the new key subscribed when the argument changes', async () => {
    const setup = createPostsApi()
    const { result, rerender, unmount } = renderStrictGetPost(setup, 1)
    await settle()
    rerender({ id: 2 })
    await settle()
    expect(result.current.data).toMatchObject({ id: 2 })
    expect(setup.requests().map((request) => request.arg)).toEqual([1, 2])
    expect(subscriberCounts(setup.store)).toEqual({ 'getPost(2)': 1 })
    unmount()
    expect(subscriberCounts(setup.store)).toEqual({})
  })

  it('makes one request for an inline object argument', async () => {
    const setup = createPostsApi()
    const { result, rerender } = renderHook(
      ({ tick }: { tick: number }) => [setup.api.useGetPostsQuery({ page: 3 }), tick],
      {
        initialProps: { tick: 0 },
        wrapper: storeWrapper(setup.store, { strict: true }),
      },
    )
    await settle()
    rerender({ tick: 1 })
    await settle()
    expect(result.current[0]).toMatchObject({ isSuccess: true, data: [{ id: 6 }, { id: 7 }] })
    expect(setup.requests()).toEqual([{ endpoint: 'getPosts', arg: { page: 3 } }])
    expect(subscriberCounts(setup.store)).toEqual({ 'getPosts({"page":3})': 1 })
  })
})

describe('lazy and mutation hooks under StrictMode', () => {
  it('a lazy trigger makes one request and one subscription, moved by the next trigger and released on unmount', async () => {
    const setup = createPostsApi()
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { result, unmount } = renderHook(() => setup.api.useLazyGetPostQuery(), {
      wrapper: storeWrapper(setup.store, { strict: true }),
    })
    await settle()
    expect(setup.baseQuery).not.toHaveBeenCalled()
    expect(result.current[1]).toMatchObject({ isUninitialized: true })

    act(() => {
      result.current[0](1)
    })
    await settle()
    expect(result.current[1]).toMatchObject({ isSuccess: true, data: { id: 1 } })
    expect(result.current[2]).toEqual({ lastArg: 1 })
    expect(setup.requests().map((request) => request.arg)).toEqual([1])
    expect(subscriberCounts(setup.store)).toEqual({ 'getPost(1)': 1 })

    act(() => {
      result.current[0](2)
    })
    await settle()
    expect(setup.requests().map((request) => request.arg)).toEqual([1, 2])
    expect(subscriberCounts(setup.store)).toEqual({ 'getPost(2)': 1 })

    unmount()
    expect(subscriberCounts(setup.store)).toEqual({})
    // StrictMode's simulated unmount must not make the hook think it is gone for good.
    expect(warn).not.toHaveBeenCalled()
  })

  it('a mutation trigger makes one request, and unmounting removes the component’s result', async () => {
    const setup = createPostsApi()
    const { result, unmount } = renderHook(() => setup.api.useEditPostMutation(), {
      wrapper: storeWrapper(setup.store, { strict: true }),
    })
    await settle()
    let edited!: ReturnType<(typeof result.current)[0]>
    act(() => {
      edited = result.current[0]({ id: 1, title: 'Edited' })
    })
    await act(async () => {
      await expect(edited.unwrap()).resolves.toMatchObject({ id: 1, title: 'Edited' })
    })
    await settle()
    expect(setup.requests('editPost')).toHaveLength(1)
    expect(result.current[1]).toMatchObject({ isSuccess: true, data: { title: 'Edited' }, originalArgs: { id: 1 } })
    expect(Object.keys(setup.store.getState().api.mutations)).toHaveLength(1)

    unmount()
    expect(Object.keys(setup.store.getState().api.mutations)).toHaveLength(0)
    expect(setup.requests()).toHaveLength(1)
  })
})
