// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { act, cleanup, render, screen } from '@testing-library/react'
import { createPostsApi, settle, storeWrapper, subscriberCounts } from './helpers/queryHooks'

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

const COUNT = 100

/**
 * `count` list items, item `i` showing `api.useGetPostQuery(postId(i))`'s title.
 * `renders[i]` counts item i's renders.
 */
function renderPostList(setup: ReturnType<typeof createPostsApi>, count: number, postId: (index: number) => number) {
  const renders: number[] = Array.from({ length: count }, () => 0)
  function PostItem({ index }: { index: number }) {
    renders[index]! += 1
    const { data, isLoading } = setup.api.useGetPostQuery(postId(index))
    return <li data-testid={`item-${index}`}>{isLoading ? 'loading' : data?.title}</li>
  }
  const rendered = render(
    <ul>
      {renders.map((_, index) => (
        <PostItem key={index} index={index} />
      ))}
    </ul>,
    { wrapper: storeWrapper(setup.store) },
  )
  return { ...rendered, renders }
}

/** Which items rendered since `before` (a copy of `renders`), and how many times each. */
function rendersSince(before: number[], renders: number[]): Record<number, number> {
  const changed: Record<number, number> = {}
  renders.forEach((count, index) => {
    if (count !== before[index]) changed[index] = count - before[index]!
  })
  return changed
}

describe('components on their own queries', () => {
  it('loading 100 queries costs each component no more renders than loading one alone', async () => {
    const alone = createPostsApi({ devChecks: false })
    const single = renderPostList(alone, 1, () => 0)
    await settle()
    single.unmount()

    const setup = createPostsApi({ devChecks: false })
    const { renders } = renderPostList(setup, COUNT, (index) => index)
    await settle()
    expect(screen.getByTestId('item-99').textContent).toBe('Post 99')
    expect(setup.requests()).toHaveLength(COUNT)
    expect(new Set(renders)).toEqual(new Set(single.renders))
  })

  it('updating one entry re-renders exactly the one component showing it', async () => {
    const setup = createPostsApi({ devChecks: false })
    const { renders } = renderPostList(setup, COUNT, (index) => index)
    await settle()
    const before = [...renders]

    act(() => {
      setup.store.dispatch(
        setup.api.util.updateQueryData('getPost', 42, (draft) => {
          draft.title = 'Edited 42'
        }),
      )
    })
    expect(rendersSince(before, renders)).toEqual({ 42: 1 })
    expect(screen.getByTestId('item-42').textContent).toBe('Edited 42')
  })

  it('a request of one entry re-renders only its component', async () => {
    const setup = createPostsApi({ devChecks: false })
    const { renders } = renderPostList(setup, COUNT, (index) => index)
    await settle()
    const before = [...renders]

    await act(() =>
      setup.store.dispatch(setup.api.endpoints.getPost.initiate(7, { subscribe: false, forceRefetch: true })),
    )
    await settle()
    const changed = rendersSince(before, renders)
    expect(Object.keys(changed)).toEqual(['7'])
    expect(setup.requests()).toHaveLength(COUNT + 1)
  })
})

describe('components sharing one query', () => {
  it('100 components on one cache key make one request and hold 100 subscriptions', async () => {
    const setup = createPostsApi({ devChecks: false })
    const { renders } = renderPostList(setup, COUNT, () => 5)
    await settle()
    expect(setup.requests()).toEqual([{ endpoint: 'getPost', arg: 5 }])
    expect(subscriberCounts(setup.store)).toEqual({ 'getPost(5)': COUNT })
    expect(screen.getAllByText('Post 5')).toHaveLength(COUNT)

    const before = [...renders]
    act(() => {
      setup.store.dispatch(
        setup.api.util.updateQueryData('getPost', 5, (draft) => {
          draft.title = 'Edited 5'
        }),
      )
    })
    // Each component re-renders once for the one update.
    expect(Object.values(rendersSince(before, renders))).toEqual(Array.from({ length: COUNT }, () => 1))
  })
})

describe('selectFromResult', () => {
  /** One component selecting only the title of post 1; `renders.count` counts its renders. */
  function renderTitle(setup: ReturnType<typeof createPostsApi>) {
    const renders = { count: 0 }
    function Title() {
      renders.count += 1
      const { title } = setup.api.useGetPostQuery(1, { selectFromResult: ({ data }) => ({ title: data?.title }) })
      return <h1>{title ?? 'none'}</h1>
    }
    render(<Title />, { wrapper: storeWrapper(setup.store) })
    return renders
  }

  const edit = (setup: ReturnType<typeof createPostsApi>, recipe: (draft: { title: string; body: string }) => void) =>
    act(() => {
      setup.store.dispatch(setup.api.util.updateQueryData('getPost', 1, recipe))
    })

  it('an update to a field it does not pick causes no re-render', async () => {
    const setup = createPostsApi({ devChecks: false })
    const renders = renderTitle(setup)
    await settle()
    const loaded = renders.count
    expect(screen.getByRole('heading').textContent).toBe('Post 1')

    edit(setup, (draft) => {
      draft.body = 'A new body'
    })
    expect(setup.api.endpoints.getPost.select(1)(setup.store.getState()).data?.body).toBe('A new body')
    expect(renders.count).toBe(loaded)
  })

  it('an update to the field it picks causes exactly one re-render', async () => {
    const setup = createPostsApi({ devChecks: false })
    const renders = renderTitle(setup)
    await settle()
    const loaded = renders.count

    edit(setup, (draft) => {
      draft.title = 'A new title'
    })
    expect(renders.count).toBe(loaded + 1)
    expect(screen.getByRole('heading').textContent).toBe('A new title')
  })

  it('a background refetch that leaves the picked field alone causes no re-render', async () => {
    const setup = createPostsApi({ devChecks: false })
    const renders = renderTitle(setup)
    await settle()
    const loaded = renders.count

    await act(() =>
      setup.store.dispatch(setup.api.endpoints.getPost.initiate(1, { subscribe: false, forceRefetch: true })),
    )
    await settle()
    // The refetch changed isFetching, the request id and the post's `fetch` field, none of which is picked.
    expect(setup.api.endpoints.getPost.select(1)(setup.store.getState()).data?.fetch).toBe(2)
    expect(renders.count).toBe(loaded)
  })
})
