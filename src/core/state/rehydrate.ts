import type { ApiContext } from '../apiContext'
import { warnInDevelopment } from '../errors'
import { QueryStatus } from '../queryStatus'
import { resolveTags } from '../tagResolution'
import type { MutationSubState, QuerySubState } from '../types/state'
import type { FullTagDescription } from '../types/tags'
import type { CacheTables } from './cacheTables'
import { invalidatedSince, setProvidedTags } from './providedIndex'

/**
 * Merges rehydration info (the api's state from a server) into the client's
 * tables. The payload is untrusted: anything of the wrong shape is skipped and
 * reported once per payload in development.
 *
 * The rule is "newer wins": an incoming entry replaces the client's only when
 * the client has none, or has a settled entry that is older. next-redux-wrapper
 * dispatches HYDRATE on every client navigation, carrying whatever the server
 * rendered, so without this rule an old snapshot would overwrite fresher data
 * the client fetched since. Equal timestamps keep the client's entry, which
 * makes applying the same payload twice a no-op.
 *
 * @internal
 */

type UnknownRecord = Record<string, unknown>

function isRecord(value: unknown): value is UnknownRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function optionalNumber(value: unknown): value is number | undefined {
  return value === undefined || (typeof value === 'number' && Number.isFinite(value))
}

function isSettledEntry(value: unknown): value is UnknownRecord & { status: QueryStatus; endpointName: string } {
  return (
    isRecord(value) &&
    (value.status === QueryStatus.fulfilled || value.status === QueryStatus.rejected) &&
    typeof value.endpointName === 'string' &&
    (value.requestId === undefined || typeof value.requestId === 'string') &&
    optionalNumber(value.startedTimeStamp) &&
    optionalNumber(value.fulfilledTimeStamp)
  )
}

function isTagList(value: unknown): value is FullTagDescription[] {
  return (
    Array.isArray(value) &&
    value.every(
      (tag) =>
        isRecord(tag) &&
        typeof tag.type === 'string' &&
        (tag.id === undefined || typeof tag.id === 'string' || typeof tag.id === 'number'),
    )
  )
}

/** When an entry last settled; rejected entries may have only a start time. */
function settledAt(entry: { fulfilledTimeStamp?: unknown; startedTimeStamp?: unknown }): number {
  const time = entry.fulfilledTimeStamp ?? entry.startedTimeStamp
  return typeof time === 'number' ? time : 0
}

function incomingIsNewer(current: QuerySubState | MutationSubState | undefined, incoming: UnknownRecord): boolean {
  if (!current || current.status === QueryStatus.uninitialized) return true
  if (current.status === QueryStatus.pending) return false
  return settledAt(current) < settledAt(incoming)
}

function copyEntry(incoming: UnknownRecord & { status: QueryStatus; endpointName: string }): QuerySubState {
  const entry: QuerySubState = { status: incoming.status, endpointName: incoming.endpointName }
  for (const field of [
    'requestId',
    'originalArgs',
    'data',
    'error',
    'startedTimeStamp',
    'fulfilledTimeStamp',
  ] as const) {
    if (incoming[field] !== undefined) (entry as unknown as UnknownRecord)[field] = incoming[field]
  }
  return entry
}

function tagsFor(
  ctx: ApiContext,
  payload: UnknownRecord,
  queryCacheKey: string,
  entry: QuerySubState,
): FullTagDescription[] {
  const provided = isRecord(payload.provided) ? payload.provided : undefined
  const keys = provided && isRecord(provided.keys) ? provided.keys : undefined
  const listed = keys && Object.prototype.hasOwnProperty.call(keys, queryCacheKey) ? keys[queryCacheKey] : undefined
  if (isTagList(listed))
    return listed.map((tag) => (tag.id === undefined ? { type: tag.type } : { type: tag.type, id: tag.id }))
  const definition = ctx.definitions[entry.endpointName]
  if (definition?.type !== 'query') return []
  try {
    return resolveTags({
      description: definition.providesTags as never,
      result: entry.status === QueryStatus.fulfilled ? entry.data : undefined,
      error: entry.error,
      arg: entry.originalArgs,
      meta: undefined,
      tagTypes: ctx.tagTypes,
      endpointName: entry.endpointName,
    })
  } catch {
    return []
  }
}

export function rehydrate(tables: CacheTables, payload: unknown, ctx: ApiContext): CacheTables {
  const problems: string[] = []
  if (!isRecord(payload)) {
    if (process.env.NODE_ENV !== 'production') {
      warnInDevelopment(
        `Ignored rehydration info for the api at '${ctx.reducerPath}': expected the api's state object, got ${payload === null ? 'null' : typeof payload}. ` +
          `Make \`extractRehydrationInfo\` return \`action.payload[reducerPath]\` (or undefined for other actions).`,
      )
    }
    return tables
  }
  let next = tables
  if (payload.queries !== undefined && !isRecord(payload.queries)) problems.push('`queries` is not an object')
  const queries: UnknownRecord = isRecord(payload.queries) ? payload.queries : {}
  for (const queryCacheKey of Object.keys(queries)) {
    const incoming = queries[queryCacheKey]
    if (queryCacheKey === '__proto__') {
      problems.push('a `__proto__` key')
      continue
    }
    if (
      isRecord(incoming) &&
      (incoming.status === QueryStatus.pending || incoming.status === QueryStatus.uninitialized)
    ) {
      continue // Only settled entries carry data worth taking.
    }
    if (!isSettledEntry(incoming)) {
      problems.push(`malformed entry '${queryCacheKey}'`)
      continue
    }
    if (ctx.definitions[incoming.endpointName]?.type !== 'query') {
      problems.push(`entry '${queryCacheKey}' of unknown query endpoint '${incoming.endpointName}'`)
      continue
    }
    if (!incomingIsNewer(next.queries.get(queryCacheKey), incoming)) continue
    const entry = copyEntry(incoming)
    const tags = tagsFor(ctx, payload, queryCacheKey, entry)
    // Data this client invalidated after the server produced it is stale here,
    // even if the client no longer holds (or never held) the entry.
    if (invalidatedSince(next, tags, settledAt(entry))) continue
    next = { ...next, queries: next.queries.set(queryCacheKey, entry) }
    next = setProvidedTags(next, queryCacheKey, tags)
  }

  if (payload.mutations !== undefined && !isRecord(payload.mutations)) problems.push('`mutations` is not an object')
  const mutations: UnknownRecord = isRecord(payload.mutations) ? payload.mutations : {}
  for (const key of Object.keys(mutations)) {
    const incoming = mutations[key]
    // Only shared (`fixedCacheKey`) results are worth carrying over; per-request ones have no reader.
    if (
      key === '__proto__' ||
      !isSettledEntry(incoming) ||
      incoming.requestId === key ||
      typeof incoming.requestId !== 'string'
    )
      continue
    if (!incomingIsNewer(next.mutations.get(key), incoming)) continue
    next = { ...next, mutations: next.mutations.set(key, copyEntry(incoming) as MutationSubState) }
  }

  if (problems.length && process.env.NODE_ENV !== 'production') {
    warnInDevelopment(
      `Skipped parts of the rehydration info for the api at '${ctx.reducerPath}': ${problems.join('; ')}. ` +
        `The rest was merged. Check that server and client run the same build of the api.`,
    )
  }
  return next
}
