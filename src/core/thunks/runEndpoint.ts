import type { ApiContext } from '../apiContext'
import { reportError, serializeError } from '../errors'
import type { BaseQueryApi, QueryReturnValue } from '../types/baseQuery'
import type { EndpointDefinition } from '../types/definitions'

export type EndpointOutcome =
  | { ok: true; data: unknown; meta: unknown }
  /** `thrown` means the error is a serialized exception, not a `{ error }` result. */
  | { ok: false; error: unknown; meta: unknown; thrown: boolean; aborted?: boolean }

function describeBadResult(result: unknown, what: string): string | undefined {
  if (typeof result !== 'object' || result === null)
    return `${what} returned ${String(result)} instead of { data } or { error }.`
  const { data, error } = result as QueryReturnValue
  if (data === undefined && error === undefined)
    return `${what} returned an object with neither \`data\` nor \`error\`.`
  if (data !== undefined && error !== undefined) return `${what} returned both \`data\` and \`error\`.`
  return undefined
}

/**
 * Runs one request of an endpoint (its `query` through `baseQuery`, or its
 * `queryFn`), applies the transforms, and never throws: a thrown error becomes
 * a rejected outcome carrying the serialized error.
 *
 * @internal
 */
export async function runEndpoint(params: {
  ctx: ApiContext
  definition: EndpointDefinition
  arg: unknown
  api: BaseQueryApi
}): Promise<EndpointOutcome> {
  const { ctx, definition, arg, api } = params
  const what = definition.queryFn ? '`queryFn`' : '`baseQuery`'
  try {
    const callBaseQuery = (baseQueryArg: unknown) => ctx.baseQuery(baseQueryArg, api, definition.extraOptions ?? {})
    const result = definition.queryFn
      ? await definition.queryFn(arg, api, definition.extraOptions ?? {}, callBaseQuery as never)
      : await callBaseQuery(definition.query ? definition.query(arg) : arg)
    const problem = describeBadResult(result, what)
    if (problem) throw new TypeError(`${problem} Return { data } on success and { error } on failure.`)
    const { data, error, meta } = result as QueryReturnValue
    if (error !== undefined) {
      const transformed = definition.transformErrorResponse
        ? await definition.transformErrorResponse(error, meta as never, arg)
        : error
      return { ok: false, error: transformed, meta, thrown: false }
    }
    const transformed = definition.transformResponse
      ? await definition.transformResponse(data, meta as never, arg)
      : data
    return { ok: true, data: transformed, meta }
  } catch (cause) {
    if (api.signal.aborted) {
      return {
        ok: false,
        error: { name: 'AbortError', message: 'Aborted' },
        meta: undefined,
        thrown: true,
        aborted: true,
      }
    }
    reportError(
      `${what} of endpoint '${api.endpoint}'${api.queryCacheKey ? ` (cache key ${api.queryCacheKey})` : ''} threw. ` +
        `The request is stored as rejected with the serialized error and no tags are provided or invalidated. ` +
        `Return { error } from ${what} instead of throwing.`,
      cause,
    )
    return { ok: false, error: serializeError(cause), meta: undefined, thrown: true }
  }
}

/** Resolves to an aborted outcome when `signal` aborts, so a request that ignores its signal still settles. */
export function abortedOutcome(signal: AbortSignal): Promise<EndpointOutcome> {
  return new Promise((resolve) => {
    const settle = () =>
      resolve({
        ok: false,
        error: { name: 'AbortError', message: 'Aborted' },
        meta: undefined,
        thrown: true,
        aborted: true,
      })
    if (signal.aborted) settle()
    else signal.addEventListener('abort', settle, { once: true })
  })
}
