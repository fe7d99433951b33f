import { createSelector as defaultCreateSelector } from '@reduxjs/toolkit'
import type { BaseQueryFn, EndpointDefinitions, Module } from 'api-slice'
import { useDispatch, useSelector, useStore } from 'react-redux'
import type { HookContext, ReduxHooks } from './hookContext'
import type { ReactApiParts } from './types'
import { buildUseInfiniteQuery } from './useInfiniteQuery'
import { buildUseLazyQuery } from './useLazyQuery'
import { buildUseLazyQuerySubscription } from './useLazyQuerySubscription'
import { buildUseMutation } from './useMutation'
import { buildUsePrefetch } from './usePrefetch'
import { buildUseQuery } from './useQuery'
import { buildUseQueryState } from './useQueryState'
import { buildUseQuerySubscription } from './useQuerySubscription'
import { buildUseSuspenseQuery } from './useSuspenseQuery'

declare module 'api-slice' {
  // The four parameters must match the core declaration, even where unused.
  /* eslint-disable @typescript-eslint/no-unused-vars */
  interface ApiModules<
    TBaseQuery extends BaseQueryFn,
    TDefinitions extends EndpointDefinitions,
    TReducerPath extends string,
    TTagTypes extends string,
  > {
    react: ReactApiParts<TDefinitions>
  }
  /* eslint-enable @typescript-eslint/no-unused-vars */
}

export interface ReactHooksModuleOptions {
  /** Redux bindings for a custom context. Default: react-redux's `useDispatch`, `useSelector` and `useStore`. */
  hooks?: Partial<ReduxHooks>
  /** Memoizes each hook's derived result. Default: Redux Toolkit's `createSelector`. */
  createSelector?: typeof defaultCreateSelector
}

function outsideProvider(hookName: string, cause?: unknown): Error {
  return new Error(
    `[api-slice] ${hookName} found no Redux store. Wrap the component in react-redux's <Provider store={store}> ` +
      `(a store with the api's reducer and middleware), or in <ApiProvider api={api}>.`,
    { cause },
  )
}

/** Hooks that explain a missing Provider instead of failing deep inside react-redux. */
function checkedHooks(hooks: ReduxHooks): ReduxHooks {
  const guard =
    <T>(name: string, use: () => T) =>
    (): T => {
      let value: T
      try {
        value = use()
      } catch (cause) {
        // react-redux's own "no context value" error becomes ours; anything
        // else (say, two copies of React) passes through unchanged.
        if (/react-redux context|<Provider>/i.test(String((cause as Error)?.message)))
          throw outsideProvider(name, cause)
        throw cause
      }
      if (value === null || value === undefined) throw outsideProvider(name)
      return value
    }
  const useStore = guard('useStore', hooks.useStore)
  return {
    useDispatch: guard('useDispatch', hooks.useDispatch),
    useStore,
    // The store check runs first, so errors from the selector itself come through unchanged.
    useSelector: (selector, equalityFn) => {
      useStore()
      return hooks.useSelector(selector, equalityFn)
    },
  }
}

function capitalize(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1)
}

/**
 * Adds React hooks to every api: `api.useGetPostQuery` and friends, the same
 * hooks on `api.endpoints.getPost`, and `api.usePrefetch`.
 */
export function reactHooksModule(options: ReactHooksModuleOptions = {}): Module<'react'> {
  const hooks = checkedHooks({
    useDispatch: options.hooks?.useDispatch ?? (useDispatch as ReduxHooks['useDispatch']),
    useSelector: options.hooks?.useSelector ?? (useSelector as ReduxHooks['useSelector']),
    useStore: options.hooks?.useStore ?? (useStore as ReduxHooks['useStore']),
  })
  return {
    name: 'react',
    init(api, _options, ctx) {
      const anyApi = api as unknown as Record<string, any>
      const hc: HookContext = {
        ctx,
        hooks,
        createSelector: options.createSelector ?? defaultCreateSelector,
        endpoint: (endpointName) => anyApi.endpoints[endpointName],
        util: anyApi.util,
      }
      anyApi.usePrefetch = buildUsePrefetch(hc)
      return {
        injectEndpoint(endpointName, definition) {
          const endpoint = anyApi.endpoints[endpointName]
          const name = capitalize(endpointName)
          if (definition.type === 'mutation') {
            endpoint.useMutation = anyApi[`use${name}Mutation`] = buildUseMutation(hc, endpointName)
          } else if (definition.infiniteQueryOptions) {
            endpoint.useInfiniteQuery = anyApi[`use${name}InfiniteQuery`] = buildUseInfiniteQuery(hc, endpointName)
          } else {
            endpoint.useQuery = anyApi[`use${name}Query`] = buildUseQuery(hc, endpointName)
            endpoint.useLazyQuery = anyApi[`useLazy${name}Query`] = buildUseLazyQuery(hc, endpointName)
            endpoint.useSuspenseQuery = anyApi[`use${name}SuspenseQuery`] = buildUseSuspenseQuery(hc, endpointName)
            endpoint.useQueryState = buildUseQueryState(hc, endpointName)
            endpoint.useQuerySubscription = buildUseQuerySubscription(hc, endpointName)
            endpoint.useLazyQuerySubscription = buildUseLazyQuerySubscription(hc, endpointName)
          }
        },
      }
    },
  }
}
