// @vitest-environment happy-dom
import { act, renderHook, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { createPostsApi, storeWrapper, subscriberCounts } from './helpers/queryHooks'

describe('a mounted query after resetApiState', () => {
  it('subscribes again and refetches, without showing the data from before the reset', async () => {
    const { api, store, requests } = createPostsApi()
    const { result } = renderHook(() => api.useGetPostQuery(1), { wrapper: storeWrapper(store) })
    await waitFor(() => expect(result.current.isSuccess).toBe(true))
    expect(requests('getPost')).toHaveLength(1)
    const seen: (number | undefined)[] = []

    act(() => {
      store.dispatch(api.util.resetApiState())
    })
    seen.push(result.current.data?.fetch)

    await waitFor(() => expect(result.current.isSuccess).toBe(true))
    expect(requests('getPost')).toHaveLength(2)
    expect(result.current.data?.fetch).toBe(2)
    expect(subscriberCounts(store)).toEqual({ 'getPost(1)': 1 })
    // Right after the reset the hook shows no data, never the first fetch's.
    expect(seen).toEqual([undefined])
  })
})
