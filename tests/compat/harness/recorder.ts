import {
  combineReducers,
  configureStore,
  type EnhancedStore,
  type Reducer,
  type Middleware,
  type ThunkDispatch,
  type UnknownAction,
} from '@reduxjs/toolkit'
import { act, createElement, type ReactNode } from 'react'
import { Provider } from 'react-redux'
import { cleanup, renderHook, type RenderHookResult } from '@testing-library/react'
import { vi } from 'vitest'
import type { Library } from './libraries'
import { RequestIdNames, renameRequestIds } from './normalize'
import { toPlain } from './toPlain'

/** What one run of a scenario observed. Both libraries must observe equal ones. */
export interface Observation {
  /** Types of the actions that reached the api's reducer, in order (the api's own and `__rtkq/` ones). */
  actions: string[]
  /** What the base query (or fake fetch) was called with, one item per request. */
  requests: unknown[]
  /** Each store's `queries`, `mutations`, `provided` and `subscriptions`, after the scenario settled. */
  states: Record<string, unknown>[]
  /** Values the scenario logged (promise values and errors, selector results, …), in order. */
  log: [string, unknown][]
  /** Each rendered hook's result at every render (functions left out), by label. */
  hooks: Record<string, unknown[]>
  /** How many times each console channel was called. */
  console: { error: number; warn: number }
}

export type CompatStore = EnhancedStore<any, UnknownAction> & { dispatch: ThunkDispatch<any, any, UnknownAction> }

interface AnyApi {
  reducerPath: string
  reducer: (state: any, action: UnknownAction) => any
  middleware: Middleware
}

export interface StoreOptions {
  /** Apply the api's middleware. Default: true. */
  withMiddleware?: boolean
  preloadedState?: Record<string, unknown>
  /** More apis in the same store (each under its own reducerPath, or the same one on purpose). */
  moreApis?: AnyApi[]
  /** Middleware placed after the api's. */
  extraMiddleware?: Middleware[]
  /** The thunk middleware's extra argument. */
  extraArgument?: unknown
}

/** `t` in a scenario: the library under test, and the tools that record what it does. */
export class Recorder {
  readonly lib: Library
  readonly core: Library['core']
  readonly react: Library['react']
  readonly #devChecks: boolean
  readonly #actions: string[] = []
  readonly #requests: unknown[] = []
  readonly #log: [string, unknown][] = []
  readonly #hooks: Record<string, unknown[]> = {}
  readonly #stores: { store: CompatStore; reducerPaths: string[] }[] = []
  readonly #ids = new RequestIdNames()
  readonly #console = { error: 0, warn: 0 }
  readonly #consoleText: string[] = []
  readonly #spies: { mockRestore(): void }[] = []

  constructor(lib: Library, options: { devChecks: boolean }) {
    if (typeof window === 'undefined') {
      throw new Error(
        'Compatibility scenarios run in a browser-like environment: start the file with // @vitest-environment happy-dom',
      )
    }
    this.lib = lib
    this.core = lib.core
    this.react = lib.react
    this.#devChecks = options.devChecks
    for (const channel of ['error', 'warn'] as const) {
      this.#spies.push(
        vi.spyOn(console, channel).mockImplementation((...args: unknown[]) => {
          this.#console[channel] += 1
          this.#consoleText.push(
            `${channel}: ${args.map((arg) => (arg instanceof Error ? arg.message : String(arg))).join(' ')}`,
          )
        }),
      )
    }
  }

  /** A base query that counts as one request per call and records its argument. */
  baseQuery<TArgs = any, TResult = unknown>(
    handler: (args: TArgs, api: any, extraOptions: any) => TResult | Promise<TResult>,
  ): (args: TArgs, api: any, extraOptions: any) => Promise<TResult> {
    return async (args, api, extraOptions) => {
      this.#requests.push(toPlain(args))
      return handler(args, api, extraOptions)
    }
  }

  /** Counts one request made by a `queryFn` (which the base query wrapper does not see). */
  request(description: unknown): void {
    this.#requests.push(toPlain(description))
  }

  /** A fake `fetch` for `fetchBaseQuery({ fetchFn })`: records method, URL and headers of each request. */
  fetchFn(handler: (request: Request) => Response | Promise<Response>): typeof fetch {
    return (async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(input, init)
      const headers: Record<string, string> = {}
      request.headers.forEach((value, name) => (headers[name] = value))
      this.#requests.push({ method: request.method, url: request.url, headers })
      return handler(request)
    }) as typeof fetch
  }

  /** A store with the api mounted as users do, recording every action that reaches the api's reducer. */
  store(api: AnyApi, options: StoreOptions = {}): CompatStore {
    const apis = [api, ...(options.moreApis ?? [])]
    const reducer: Record<string, (state: any, action: UnknownAction) => any> = {}
    for (const each of apis) {
      const prefix = `${each.reducerPath}/`
      const inner = reducer[each.reducerPath] ?? each.reducer
      reducer[each.reducerPath] = (state, action) => {
        if (typeof action.type === 'string' && (action.type.startsWith(prefix) || action.type.startsWith('__rtkq/'))) {
          this.#actions.push(action.type)
        }
        return inner(state, action)
      }
    }
    // First in the chain: sees every dispatch, so request ids are named in the order they appear.
    const namesIds: Middleware = () => (next) => (action) => {
      const meta = (action as { meta?: { requestId?: unknown } }).meta
      this.#ids.see(meta?.requestId)
      this.#ids.see((action as { payload?: { requestId?: unknown } }).payload?.requestId)
      const result = next(action)
      this.#ids.see((result as { requestId?: unknown } | undefined)?.requestId)
      return result
    }
    const store = configureStore({
      reducer: combineReducers(reducer) as Reducer<any>,
      preloadedState: options.preloadedState as never,
      middleware: (getDefaultMiddleware: any) =>
        getDefaultMiddleware({
          thunk: { extraArgument: options.extraArgument },
          immutableCheck: this.#devChecks,
          serializableCheck: this.#devChecks,
        })
          .prepend(namesIds)
          .concat(
            ...(options.withMiddleware === false ? [] : apis.map((each) => each.middleware)),
            ...(options.extraMiddleware ?? []),
          ),
    }) as unknown as CompatStore
    this.#stores.push({ store, reducerPaths: [...new Set(apis.map((each) => each.reducerPath))] })
    return store
  }

  /** Records a value as it is now (a deep plain copy; functions are left out). */
  log(label: string, value: unknown): void {
    this.#log.push([label, toPlain(value)])
  }

  /** Awaits a promise and records its value, or the error it rejects with. */
  async settle(label: string, promise: PromiseLike<unknown>): Promise<void> {
    try {
      this.log(label, { value: await promise })
    } catch (error) {
      this.log(label, { error })
    }
  }

  /** Lets `ms` of fake time pass, running timers, promise callbacks and React updates. */
  async advance(ms = 0): Promise<void> {
    await act(async () => {
      await vi.advanceTimersByTimeAsync(ms)
    })
  }

  /** A promise with its resolve and reject functions, for requests the scenario settles by hand. */
  deferred<T = unknown>() {
    let resolve!: (value: T) => void
    let reject!: (reason: unknown) => void
    const promise = new Promise<T>((res, rej) => {
      resolve = res
      reject = rej
    })
    return { promise, resolve, reject }
  }

  /**
   * Renders a hook inside a react-redux Provider for `store` and records its
   * result at every render under `label`.
   */
  renderHook<TProps, TResult>(
    label: string,
    store: CompatStore,
    hook: (props: TProps) => TResult,
    options: { initialProps?: TProps; wrapper?: (props: { children: ReactNode }) => ReactNode } = {},
  ): RenderHookResult<TResult, TProps> {
    const renders = (this.#hooks[label] ??= [])
    const Wrapper =
      options.wrapper ?? (({ children }: { children: ReactNode }) => createElement(Provider, { store, children }))
    let rendered!: RenderHookResult<TResult, TProps>
    act(() => {
      rendered = renderHook(
        (props: TProps) => {
          const result = hook(props)
          renders.push(toPlain(result))
          return result
        },
        { initialProps: options.initialProps as TProps, wrapper: Wrapper },
      )
    })
    return rendered
  }

  /** The observation, with request ids named by first appearance. */
  finish(): Observation {
    const states = this.#stores.map(({ store, reducerPaths }) => {
      const state: Record<string, unknown> = {}
      for (const reducerPath of reducerPaths) {
        const slice = store.getState()[reducerPath] ?? {}
        state[reducerPath] = toPlain({
          queries: slice.queries,
          mutations: slice.mutations,
          provided: slice.provided,
          subscriptions: slice.subscriptions,
        })
        // Request ids that only appear as subscription keys are named last.
        for (const subscribers of Object.values((slice.subscriptions ?? {}) as Record<string, object>)) {
          for (const requestId of Object.keys(subscribers ?? {})) this.#ids.see(requestId)
        }
      }
      return state
    })
    const observation: Observation = {
      actions: this.#actions,
      requests: this.#requests,
      states,
      log: this.#log,
      hooks: this.#hooks,
      console: { ...this.#console },
    }
    const renamed = renameRequestIds(observation, this.#ids.ids) as Observation
    if (process.env.COMPAT_DEBUG)
      console.info(`[${this.lib.name}]`, JSON.stringify(renamed, null, 1), this.#consoleText)
    return renamed
  }

  async cleanup(): Promise<void> {
    act(() => cleanup())
    for (const spy of this.#spies) spy.mockRestore()
  }

  /** What the console printed (for debugging a scenario; never compared). */
  get consoleText(): readonly string[] {
    return this.#consoleText
  }
}
