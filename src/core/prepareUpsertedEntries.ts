import type { UpsertEntryInput, UpsertedEntry } from './actions'
import { type ApiContext, queryCacheKeyFor } from './apiContext'
import { reportError, warnInDevelopment } from './errors'
import { resolveTags } from './tagResolution'

/**
 * Resolves the entries given to `api.util.upsertQueryEntries` into the
 * action's payload: each entry's cache key and the tags its value provides.
 * As in RTK Query, an entry of an unknown or non-query endpoint, or one whose
 * `providesTags` throws, is skipped (with a development message) and the
 * others are written.
 *
 * @internal
 */
export function prepareUpsertedEntries(ctx: ApiContext, entries: readonly UpsertEntryInput[]): UpsertedEntry[] {
  const prepared: UpsertedEntry[] = []
  for (const { endpointName, arg, value } of entries) {
    const definition = Object.prototype.hasOwnProperty.call(ctx.definitions, endpointName)
      ? ctx.definitions[endpointName]
      : undefined
    if (definition?.type !== 'query') {
      if (process.env.NODE_ENV !== 'production') {
        warnInDevelopment(
          `upsertQueryEntries skipped an entry of '${String(endpointName)}', which is not a query endpoint of the ` +
            `api at '${ctx.reducerPath}'. Use the name of a query endpoint.`,
        )
      }
      continue
    }
    if (process.env.NODE_ENV !== 'production' && typeof (value as { then?: unknown } | null)?.then === 'function') {
      warnInDevelopment(
        `upsertQueryEntries got a promise as the value for '${endpointName}' and stores it as it is. ` +
          `Await the promise and upsert its result.`,
      )
    }
    const queryCacheKey = queryCacheKeyFor(ctx, endpointName, arg)
    let providedTags
    try {
      providedTags = resolveTags({
        description: definition.providesTags as never,
        result: value,
        error: undefined,
        arg,
        meta: undefined,
        tagTypes: ctx.tagTypes,
        endpointName,
      })
    } catch (cause) {
      if (process.env.NODE_ENV !== 'production') {
        reportError(
          `upsertQueryEntries skipped the entry ${queryCacheKey}: \`providesTags\` of '${endpointName}' threw. ` +
            `Make it return tags for this value.`,
          cause,
        )
      }
      continue
    }
    prepared.push({
      queryDescription: { type: 'query', endpointName, originalArgs: arg, queryCacheKey },
      value,
      providedTags,
    })
  }
  return prepared
}
