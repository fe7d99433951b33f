import { createApiActions } from './actions'
import { nanoid } from '@reduxjs/toolkit'
import { type ApiContext, createInitialState, queryCacheKeyFor } from './apiContext'
import { storeInternalsFor } from './middleware/storeInternals'
import { prepareUpsertedEntries } from './prepareUpsertedEntries'
import { defaultSerializeQueryArgs } from './defaultSerializeQueryArgs'
import { apiSliceError, warnInDevelopment } from './errors'
import type { Api, AnyApi, EnhanceEndpointsOptions, InjectEndpointsOptions, ModuleName } from './types/api'
import type { BaseQueryFn } from './types/baseQuery'
import type { EndpointBuilder, EndpointDefinition, EndpointDefinitions } from './types/definitions'
import type { CreateApiOptions } from './types/options'
import type { ConfigState } from './types/state'

/** A module adds parts to every api that `buildCreateApi` creates (the core parts, React hooks, …). */
export interface Module<TName extends ModuleName> {
  name: TName
  init(
    api: AnyApi,
    options: CreateApiOptions<BaseQueryFn, EndpointDefinitions, string, string>,
    context: ApiContext,
  ): { injectEndpoint(endpointName: string, definition: EndpointDefinition): void }
}

export type CreateApi<TModules extends ModuleName> = <
  TBaseQuery extends BaseQueryFn,
  TDefinitions extends EndpointDefinitions,
  TReducerPath extends string = 'api',
  TTagTypes extends string = never,
>(
  options: CreateApiOptions<TBaseQuery, TDefinitions, TReducerPath, TTagTypes>,
) => Api<TBaseQuery, TDefinitions, TReducerPath, TTagTypes, TModules>

const builder: EndpointBuilder<any, any, any> = {
  query: (definition) => ({ ...definition, type: 'query' }),
  infiniteQuery: (definition) => ({ ...definition, type: 'query' }),
  mutation: (definition) => ({ ...definition, type: 'mutation' }),
}

function createContext(options: CreateApiOptions<BaseQueryFn, EndpointDefinitions, string, string>): ApiContext {
  const reducerPath = options.reducerPath ?? 'api'
  const initialConfig: ConfigState = {
    reducerPath,
    // What the environment says now; `setupListeners` keeps both current.
    online: typeof navigator === 'undefined' || navigator.onLine !== false,
    focused: typeof document === 'undefined' || document.visibilityState !== 'hidden',
    middlewareRegistered: false,
    keepUnusedDataFor: options.keepUnusedDataFor ?? 60,
    invalidationBehavior: options.invalidationBehavior ?? 'delayed',
    refetchOnMountOrArgChange: options.refetchOnMountOrArgChange ?? false,
    refetchOnFocus: options.refetchOnFocus ?? false,
    refetchOnReconnect: options.refetchOnReconnect ?? false,
  }
  const ctx: ApiContext = {
    reducerPath,
    baseQuery: options.baseQuery,
    definitions: {},
    tagTypes: new Set(options.tagTypes ?? []),
    actions: createApiActions(reducerPath, (entries) => prepareUpsertedEntries(ctx, entries)),
    serializeQueryArgs: options.serializeQueryArgs ?? defaultSerializeQueryArgs,
    extractRehydrationInfo: options.extractRehydrationInfo,
    isServer: options.isServer ?? typeof window === 'undefined',
    initialConfig,
    initialState: createInitialState(initialConfig),
    schemaOptions: options,
    internalsByDispatch: new WeakMap(),
    apiUid: nanoid(),
    middlewareChecked: false,
    cacheKeyFor: (endpointName, queryArgs) => queryCacheKeyFor(ctx, endpointName, queryArgs),
    isSubscribed: (dispatch, queryCacheKey, requestId) =>
      storeInternalsFor(ctx, dispatch).subscriptions.isRequestSubscribed(queryCacheKey, requestId),
  }
  return ctx
}

/**
 * Builds a `createApi` from modules: `buildCreateApi(coreModule())` is the
 * core `createApi`, and `api-slice/react` adds `reactHooksModule()`.
 */
export function buildCreateApi<TModules extends [Module<any>, ...Module<any>[]]>(
  ...modules: TModules
): CreateApi<TModules[number]['name']> {
  return ((options: CreateApiOptions<BaseQueryFn, EndpointDefinitions, string, string>) => {
    if (typeof options?.baseQuery !== 'function' || typeof options.endpoints !== 'function') {
      throw apiSliceError('createApi needs `baseQuery` (a function) and `endpoints` (a function of `build`).')
    }
    const ctx = createContext(options)
    const api = { reducerPath: ctx.reducerPath, endpoints: {}, util: {} } as AnyApi

    const injectEndpoints = (inject: InjectEndpointsOptions<EndpointDefinitions, any, any, any>) => {
      const definitions = inject.endpoints(builder)
      for (const [endpointName, definition] of Object.entries(definitions)) {
        if (Object.prototype.hasOwnProperty.call(ctx.definitions, endpointName)) {
          if (inject.overrideExisting === 'throw') {
            throw apiSliceError(
              `injectEndpoints: the endpoint '${endpointName}' already exists in the api at '${ctx.reducerPath}'. ` +
                `Rename it, or pass \`overrideExisting: true\` to replace it.`,
            )
          }
          if (!inject.overrideExisting) {
            if (process.env.NODE_ENV !== 'production') {
              warnInDevelopment(
                `injectEndpoints kept the existing endpoint '${endpointName}'. Pass \`overrideExisting: true\` to replace it.`,
              )
            }
            continue
          }
        }
        ctx.definitions[endpointName] = definition
        for (const module of initialized) module.injectEndpoint(endpointName, definition)
      }
      return api
    }

    const enhanceEndpoints = (enhance: EnhanceEndpointsOptions<EndpointDefinitions, string>) => {
      for (const tagType of enhance.addTagTypes ?? []) ctx.tagTypes.add(tagType)
      for (const [endpointName, change] of Object.entries(enhance.endpoints ?? {})) {
        const definition = ctx.definitions[endpointName]
        if (!definition || !change) continue
        if (typeof change === 'function') change(definition)
        else Object.assign(definition, change)
      }
      return api
    }

    Object.assign(api, { injectEndpoints, enhanceEndpoints })
    const initialized = modules.map((module) => module.init(api, options, ctx))
    return injectEndpoints({ endpoints: options.endpoints })
    // The one cast of the api object: its parts are attached by the modules at
    // run time, which the type of each module's name promises statically.
  }) as unknown as CreateApi<TModules[number]['name']>
}
