import type { MutationThunkArg, RequestMeta } from '../actions'
import type { ApiContext } from '../apiContext'
import { resolveTags } from '../tagResolution'
import type { CacheTables } from './cacheTables'
import { recordInvalidation } from './providedIndex'

/**
 * Records when a mutation's `invalidatesTags` invalidated its tags, so that
 * rehydration refuses server data rendered before that moment. (The
 * middleware does the refetching; this only remembers the time.) Thrown
 * errors invalidate nothing, as in RTK Query.
 *
 * @internal
 */
export function mutationInvalidations(
  tables: CacheTables,
  ctx: ApiContext,
  action: { payload: unknown; meta: RequestMeta<MutationThunkArg> },
): CacheTables {
  const { meta } = action
  const fulfilled = meta.requestStatus === 'fulfilled'
  if (!fulfilled && !meta.rejectedWithValue) return tables
  const definition = ctx.definitions[meta.arg.endpointName]
  if (definition?.type !== 'mutation' || !definition.invalidatesTags) return tables
  const tags = resolveTags({
    description: definition.invalidatesTags as never,
    result: fulfilled ? action.payload : undefined,
    error: fulfilled ? undefined : action.payload,
    arg: meta.arg.originalArgs,
    meta: meta.baseQueryMeta,
    tagTypes: ctx.tagTypes,
    endpointName: meta.arg.endpointName,
    silent: true,
  })
  const time = meta.fulfilledTimeStamp ?? meta.startedTimeStamp
  return time === undefined ? tables : recordInvalidation(tables, tags, time)
}
