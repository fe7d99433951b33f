import { QueryStatus } from 'api-slice'

export interface ToClientStateOptions {
  /**
   * The reducer paths of the apis in the state. Default: every top-level key
   * whose value looks like an api's state (has `queries`, `mutations`,
   * `provided`, `subscriptions` and a `config` with a `reducerPath`).
   */
  reducerPaths?: readonly string[]
  /**
   * Hide the details of errors from the browser: a rejected entry keeps its
   * error's `status` and `data`, its `message` becomes
   * 'An error occurred on the server.', its `stack` is removed, and so is the
   * exception text fetchBaseQuery stores in `error` for FETCH_ERROR,
   * PARSING_ERROR and TIMEOUT_ERROR. Default: `process.env.NODE_ENV === 'production'`.
   */
  redactErrors?: boolean
}

/** What a redacted error says instead of its message. */
export const REDACTED_ERROR_MESSAGE = 'An error occurred on the server.'

type UnknownRecord = Record<string, unknown>

/**
 * The root state as it should travel from a server render to the browser: a
 * plain, JSON-safe copy. Use it as next-redux-wrapper's `serializeState`.
 *
 * In each api's slice, only settled queries (fulfilled or rejected) and
 * settled `fixedCacheKey` mutations are kept, the only entries the browser's
 * merge takes; pending entries, per-request mutation results and
 * subscriptions (the server's components) are dropped, and `provided` lists
 * only the kept entries. Errors are redacted if `redactErrors` says so.
 *
 * Everything, api slices and the rest of the state, is copied the way
 * `JSON.stringify` would see it: object fields that are `undefined`, functions
 * or symbols are left out (Next rejects props holding `undefined`),
 * `undefined` in arrays becomes `null`, `toJSON` is applied (a `Date` becomes
 * its ISO string), and a non-finite number becomes `null`. A BigInt or a cycle
 * cannot be sent and throws, naming where it is.
 */
export function toClientState<S>(rootState: S, options: ToClientStateOptions = {}): S {
  if (!isRecord(rootState)) {
    throw new TypeError(
      `[api-slice] toClientState expects the store's root state (an object), got ${describe(rootState)}. Pass store.getState().`,
    )
  }
  const redact = options.redactErrors ?? process.env.NODE_ENV === 'production'
  const apiPaths = new Set(options.reducerPaths ?? Object.keys(rootState).filter((key) => isApiState(rootState[key])))
  for (const path of apiPaths) {
    if (!isApiState(rootState[path])) {
      const found = Object.keys(rootState).filter((key) => isApiState(rootState[key]))
      throw new Error(
        `[api-slice] toClientState: state['${path}'] is not an api's state, so reducerPaths cannot list it. ` +
          `Api slices in this state: ${found.length ? found.map((key) => `'${key}'`).join(', ') : 'none'}.`,
      )
    }
  }
  const copy: UnknownRecord = {}
  for (const key of Object.keys(rootState)) {
    const value = apiPaths.has(key) ? clientApiState(rootState[key] as ApiStateLike, redact) : rootState[key]
    const safe = toJsonSafe(value, key, key, new Set())
    if (safe !== OMITTED) defineField(copy, key, safe)
  }
  return copy as S
}

interface ApiStateLike {
  queries: Record<string, UnknownRecord | undefined>
  mutations: Record<string, UnknownRecord | undefined>
  provided: { tags: Record<string, Record<string, readonly string[]>>; keys: Record<string, unknown> }
  subscriptions: UnknownRecord
  config: UnknownRecord
}

function isRecord(value: unknown): value is UnknownRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isApiState(value: unknown): value is ApiStateLike {
  return (
    isRecord(value) &&
    isRecord(value.queries) &&
    isRecord(value.mutations) &&
    isRecord(value.provided) &&
    isRecord(value.subscriptions) &&
    isRecord(value.config) &&
    typeof value.config.reducerPath === 'string'
  )
}

function isSettled(entry: unknown): entry is UnknownRecord {
  return isRecord(entry) && (entry.status === QueryStatus.fulfilled || entry.status === QueryStatus.rejected)
}

function clientApiState(api: ApiStateLike, redact: boolean): ApiStateLike {
  const queries: Record<string, UnknownRecord> = {}
  for (const key of Object.keys(api.queries)) {
    const entry = api.queries[key]
    if (isSettled(entry)) defineField(queries, key, clientEntry(entry, redact))
  }
  const mutations: Record<string, UnknownRecord> = {}
  for (const key of Object.keys(api.mutations)) {
    const entry = api.mutations[key]
    // Keyed by its own request id: a per-request result, with no reader in the browser.
    if (isSettled(entry) && entry.requestId !== key) defineField(mutations, key, clientEntry(entry, redact))
  }
  const isKept = (key: string) => Object.prototype.hasOwnProperty.call(queries, key)
  const keys: Record<string, unknown> = {}
  for (const key of Object.keys(api.provided.keys ?? {})) {
    if (isKept(key)) defineField(keys, key, api.provided.keys[key])
  }
  const tags: Record<string, Record<string, string[]>> = {}
  for (const type of Object.keys(api.provided.tags ?? {})) {
    const byId = api.provided.tags[type] ?? {}
    for (const id of Object.keys(byId)) {
      const kept = (byId[id] ?? []).filter(isKept)
      if (!kept.length) continue
      if (!Object.prototype.hasOwnProperty.call(tags, type)) defineField(tags, type, {})
      defineField(tags[type]!, id, kept)
    }
  }
  return { queries, mutations, provided: { tags, keys }, subscriptions: {}, config: { ...api.config } }
}

function clientEntry(entry: UnknownRecord, redact: boolean): UnknownRecord {
  const copy: UnknownRecord = { ...entry }
  if (redact && entry.error !== undefined) copy.error = redactError(entry.error)
  return copy
}

/** fetchBaseQuery's statuses whose `error` field is the text of an exception. */
const EXCEPTION_STATUSES = new Set(['FETCH_ERROR', 'PARSING_ERROR', 'TIMEOUT_ERROR'])

function redactError(error: unknown): unknown {
  if (!isRecord(error)) return error
  const redacted: UnknownRecord = { ...error }
  delete redacted.stack
  if (typeof redacted.message === 'string') redacted.message = REDACTED_ERROR_MESSAGE
  if (typeof redacted.error === 'string' && EXCEPTION_STATUSES.has(redacted.status as string)) {
    redacted.error = REDACTED_ERROR_MESSAGE
  }
  return redacted
}

const OMITTED = Symbol('omitted')

/** `value` as JSON.stringify then JSON.parse would give it back, or OMITTED where JSON leaves a field out. */
function toJsonSafe(value: unknown, key: string, path: string, ancestors: Set<object>): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value
    case 'number':
      return Number.isFinite(value) ? value : null
    case 'undefined':
    case 'function':
    case 'symbol':
      return OMITTED
    case 'bigint':
      throw new TypeError(
        `[api-slice] toClientState: the state at '${path}' is a BigInt, which JSON cannot carry to the browser. Store it as a string or a number.`,
      )
  }
  if (value === null) return null
  const object = value as UnknownRecord
  if (typeof object.toJSON === 'function') {
    return toJsonSafe((object.toJSON as (key: string) => unknown)(key), key, path, ancestors)
  }
  if (ancestors.has(object)) {
    throw new TypeError(
      `[api-slice] toClientState: the state at '${path}' refers back to an object that contains it (a cycle), which JSON cannot carry to the browser.`,
    )
  }
  ancestors.add(object)
  let copy: unknown
  if (Array.isArray(object)) {
    copy = object.map((item, index) => {
      const safe = toJsonSafe(item, String(index), `${path}[${index}]`, ancestors)
      return safe === OMITTED ? null : safe
    })
  } else {
    const record: UnknownRecord = {}
    for (const field of Object.keys(object)) {
      const safe = toJsonSafe(object[field], field, `${path}.${field}`, ancestors)
      if (safe !== OMITTED) defineField(record, field, safe)
    }
    copy = record
  }
  ancestors.delete(object)
  return copy
}

/** Sets an own field, also for the key `__proto__` (as JSON.parse does). */
function defineField(target: UnknownRecord, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
  } else {
    target[key] = value
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  return Array.isArray(value) ? 'an array' : typeof value
}
