import { buildMutationSelect, readQueryResult } from '../selectors'
import { entryRemovedBeforeData, quietPromise, runLifecycle } from './lifecycleRunner'
import type { HandlerContext, MiddlewareHandler } from './types'

interface AddedEntry {
  kind: 'query' | 'mutation'
  key: string
  endpointName: string
  arg: unknown
  requestId: string
  fixedCacheKey?: string
}

function lifecycleKey(kind: AddedEntry['kind'], key: string): string {
  return `${kind}:${key}`
}

function startCacheLifecycle(context: HandlerContext, added: AddedEntry): void {
  const definition = context.ctx.definitions[added.endpointName]
  const onCacheEntryAdded = definition?.onCacheEntryAdded as ((arg: unknown, api: object) => unknown) | undefined
  if (!onCacheEntryAdded) return
  const loaded = quietPromise<unknown>()
  const removed = quietPromise<void>()
  let hasData = false
  context.internals.cacheLifecycles.set(lifecycleKey(added.kind, added.key), {
    loaded: (value) => {
      hasData = true
      loaded.resolve(value)
    },
    removed: () => {
      if (!hasData) loaded.reject(entryRemovedBeforeData)
      removed.resolve()
    },
  })
  const base = {
    dispatch: context.dispatch,
    getState: context.getState,
    extra: context.extra(),
    requestId: added.requestId,
    cacheDataLoaded: loaded.promise,
    cacheEntryRemoved: removed.promise,
  }
  const api =
    added.kind === 'query'
      ? {
          ...base,
          getCacheEntry: () => readQueryResult(context.ctx, context.getState(), added.key),
          updateCachedData: (recipe: (draft: any) => any) =>
            context.updateQueryData(added.endpointName, added.arg, recipe),
        }
      : {
          ...base,
          getCacheEntry: () =>
            buildMutationSelect(context.ctx)({ requestId: added.requestId, fixedCacheKey: added.fixedCacheKey })(
              context.getState(),
            ),
        }
  runLifecycle('onCacheEntryAdded', added.endpointName, () => onCacheEntryAdded(added.arg, api))
}

function settle(
  context: HandlerContext,
  kind: AddedEntry['kind'],
  key: string,
  how: 'loaded' | 'removed',
  value?: unknown,
) {
  const key_ = lifecycleKey(kind, key)
  const lifecycle = context.internals.cacheLifecycles.get(key_)
  if (!lifecycle) return
  if (how === 'loaded') {
    lifecycle.loaded(value)
  } else {
    context.internals.cacheLifecycles.delete(key_)
    lifecycle.removed()
  }
}

/**
 * `onCacheEntryAdded`: runs when a cache entry is created; `cacheDataLoaded`
 * resolves with its first data and `cacheEntryRemoved` when it leaves the
 * cache (removal, or `resetApiState`).
 */
export const cacheLifecycle: MiddlewareHandler = ({ action, previousTables }, context) => {
  const { actions } = context.ctx
  if (actions.resetApiState.match(action)) {
    for (const [key, lifecycle] of [...context.internals.cacheLifecycles]) {
      context.internals.cacheLifecycles.delete(key)
      lifecycle.removed()
    }
  } else if (actions.queryPending.match(action)) {
    const { queryCacheKey, endpointName, originalArgs } = action.meta.arg
    if (!previousTables.queries.has(queryCacheKey)) {
      const entry = { kind: 'query', key: queryCacheKey, endpointName, arg: originalArgs } as const
      startCacheLifecycle(context, { ...entry, requestId: action.meta.requestId })
    }
  } else if (actions.mutationPending.match(action)) {
    const { endpointName, originalArgs, fixedCacheKey, track } = action.meta.arg
    const key = fixedCacheKey ?? action.meta.requestId
    const requestId = action.meta.requestId
    const replaced = previousTables.mutations.get(key)
    // A new mutation with the same fixedCacheKey replaces the entry: the old one's lifecycle ends.
    if (track && replaced && replaced.requestId !== requestId) settle(context, 'mutation', key, 'removed')
    if (track && replaced?.requestId !== requestId) {
      startCacheLifecycle(context, { kind: 'mutation', key, endpointName, arg: originalArgs, requestId, fixedCacheKey })
    }
  } else if (actions.cacheEntriesUpserted.match(action)) {
    for (const { queryDescription, value } of action.payload) {
      const { queryCacheKey, endpointName, originalArgs: arg } = queryDescription
      if (!context.ctx.definitions[endpointName]?.onCacheEntryAdded && !context.internals.cacheLifecycles.size) continue
      if (!previousTables.queries.has(queryCacheKey)) {
        const requestId = action.meta.requestId
        startCacheLifecycle(context, { kind: 'query', key: queryCacheKey, endpointName, arg, requestId })
      }
      settle(context, 'query', queryCacheKey, 'loaded', { data: value, meta: undefined })
    }
  } else if (actions.queryFulfilled.match(action)) {
    const { queryCacheKey } = action.meta.arg
    if (!context.internals.cacheLifecycles.size) return
    const data = context.currentTables().queries.get(queryCacheKey)?.data
    settle(context, 'query', queryCacheKey, 'loaded', { data, meta: action.meta.baseQueryMeta })
  } else if (actions.mutationFulfilled.match(action)) {
    const key = action.meta.arg.fixedCacheKey ?? action.meta.requestId
    settle(context, 'mutation', key, 'loaded', { data: action.payload, meta: action.meta.baseQueryMeta })
  } else if (actions.removeQueryResult.match(action)) {
    const { queryCacheKey } = action.payload
    if (previousTables.queries.has(queryCacheKey) && !context.currentTables().queries.has(queryCacheKey)) {
      settle(context, 'query', queryCacheKey, 'removed')
    }
  } else if (actions.removeMutationResult.match(action)) {
    const key = action.payload.fixedCacheKey ?? action.payload.requestId
    if (key !== undefined && previousTables.mutations.has(key) && !context.currentTables().mutations.has(key)) {
      settle(context, 'mutation', key, 'removed')
    }
  }
}
