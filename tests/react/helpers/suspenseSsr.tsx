import type { UnknownAction } from '@reduxjs/toolkit'
import { createApi, fakeBaseQuery } from 'api-slice/react'
import { Component, type ReactNode } from 'react'
import { Writable } from 'node:stream'
import { renderToPipeableStream } from 'react-dom/server'
import { deferred } from '../../core/helpers/setup'

export interface Post {
  id: number
  title: string
}

export interface PostError {
  status: number
  message: string
}

export type PostResult = { data: Post } | { error: PostError }

/** next-redux-wrapper's action: its payload is the whole root state the server rendered. */
export const HYDRATE = '__NEXT_REDUX_WRAPPER_HYDRATE__'

export function hydrateAction(rootState: unknown): UnknownAction {
  return { type: HYDRATE, payload: rootState }
}

/**
 * The posts api as one bundle (server or client) would build it. `requests`
 * records every request that reached the queryFn.
 */
export function createPostsApi(
  options: {
    isServer?: boolean
    respond?: (id: number) => PostResult | Promise<PostResult>
    refetchOnFocus?: boolean
  } = {},
) {
  const requests: number[] = []
  const respond = options.respond ?? ((id: number) => ({ data: { id, title: `post ${id}` } }))
  const api = createApi({
    baseQuery: fakeBaseQuery<PostError>(),
    isServer: options.isServer ?? false,
    refetchOnFocus: options.refetchOnFocus,
    extractRehydrationInfo: (action, { reducerPath }) =>
      action.type === HYDRATE ? (action.payload as Record<string, unknown>)[reducerPath] : undefined,
    endpoints: (build) => ({
      getPost: build.query<Post, number>({
        queryFn: async (id) => {
          requests.push(id)
          return respond(id)
        },
      }),
    }),
  })
  return { api, requests }
}

export type PostsApi = ReturnType<typeof createPostsApi>['api']

/**
 * Responses the test settles by hand: every request waits until `resolve(id)`
 * or `fail(id, error)` is called for its id.
 */
export function manualResponses() {
  const waiting = new Map<number, ReturnType<typeof deferred<PostResult>>[]>()
  const settle = (id: number, result: PostResult) => {
    const pending = waiting.get(id) ?? []
    if (pending.length === 0) throw new Error(`no request for post ${id} is waiting`)
    waiting.delete(id)
    for (const request of pending) request.resolve(result)
  }
  return {
    respond(id: number): Promise<PostResult> {
      const request = deferred<PostResult>()
      waiting.set(id, [...(waiting.get(id) ?? []), request])
      return request.promise
    },
    resolve: (id: number, title = `post ${id}`) => settle(id, { data: { id, title } }),
    fail: (id: number, error: PostError) => settle(id, { error }),
  }
}

/** Catches what a child throws and renders its message; `onError` receives the thrown value. */
export class ErrorBoundary extends Component<
  { children?: ReactNode; onError?: (error: unknown) => void },
  { error: unknown; caught: boolean }
> {
  override state = { error: undefined as unknown, caught: false }

  static getDerivedStateFromError(error: unknown) {
    return { error, caught: true }
  }

  override componentDidCatch(error: unknown) {
    this.props.onError?.(error)
  }

  override render() {
    if (this.state.caught) return <p role="alert">{String((this.state.error as Error)?.message)}</p>
    return this.props.children
  }
}

/** A Suspense fallback that counts how often it rendered. */
export function countingFallback() {
  const counter = { renders: 0 }
  function Fallback() {
    counter.renders += 1
    return <p>loading</p>
  }
  return { counter, Fallback }
}

/** The whole HTML `renderToPipeableStream` writes, streamed from the shell on. */
export function renderToStreamedHtml(element: ReactNode): Promise<string> {
  return new Promise((resolve, reject) => {
    let html = ''
    const sink = new Writable({
      write(chunk: Buffer | string, _encoding, callback) {
        html += chunk.toString()
        callback()
      },
      final(callback) {
        resolve(html)
        callback()
      },
    })
    const { pipe } = renderToPipeableStream(element, {
      onShellReady: () => pipe(sink),
      onShellError: reject,
      onError: reject,
    })
  })
}

/** Collects unhandled promise rejections while installed. */
export function watchUnhandledRejections() {
  const reasons: unknown[] = []
  const onRejection = (reason: unknown) => reasons.push(reason)
  process.on('unhandledRejection', onRejection)
  return { reasons, stop: () => void process.off('unhandledRejection', onRejection) }
}
