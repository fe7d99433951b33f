import type { ApiContext } from '../apiContext'
import { reportError, serializeError } from '../errors'
import { handleSchemaFailure, NamedSchemaError, schemaCheckFor } from '../schemaValidation'
import type { BaseQueryApi, QueryReturnValue } from '../types/baseQuery'
import type { EndpointDefinition } from '../types/definitions'
import { abortedOutcome } from './requestAbort'

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
 * `queryFn`), applies the schemas and transforms, and never throws: a thrown
 * error becomes a rejected outcome carrying the serialized error. Schema
 * order: argSchema before the request; metaSchema on the base query's meta;
 * rawResponseSchema → transformResponse → responseSchema on data;
 * rawErrorResponseSchema → transformErrorResponse → errorResponseSchema on an
 * error. A schema failure is handled by `handleSchemaFailure`.
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
  // Undefined unless the endpoint has a schema to run, so other requests take no extra step.
  const check = schemaCheckFor(ctx, definition, api.endpoint)
  try {
    // The checked argument (a schema may transform it) is what the request and the transforms see.
    // Typed `any`: each kind of definition takes its own argument (infinite queries get { queryArg, pageParam }).
    const finalArg: any = check ? await check('arg', arg) : arg
    const callBaseQuery = (baseQueryArg: unknown) => ctx.baseQuery(baseQueryArg, api, definition.extraOptions ?? {})
    const result = definition.queryFn
      ? await definition.queryFn(finalArg, api, definition.extraOptions ?? {}, callBaseQuery as never)
      : await callBaseQuery(definition.query ? definition.query(finalArg) : finalArg)
    const problem = describeBadResult(result, what)
    if (problem) throw new TypeError(`${problem} Return { data } on success and { error } on failure.`)
    const { data, error } = result as QueryReturnValue
    let { meta } = result as QueryReturnValue
    if (check && meta !== undefined) meta = await check('meta', meta, meta)
    if (error !== undefined) {
      const rawError = check ? await check('rawErrorResponse', error, meta) : error
      let transformed = definition.transformErrorResponse
        ? await definition.transformErrorResponse(rawError, meta as never, finalArg)
        : rawError
      if (check) transformed = await check('errorResponse', transformed, meta)
      return { ok: false, error: transformed, meta, thrown: false }
    }
    const rawData = check ? await check('rawResponse', data, meta) : data
    let transformed = definition.transformResponse
      ? await definition.transformResponse(rawData, meta as never, finalArg)
      : rawData
    if (check) transformed = await check('response', transformed, meta)
    return { ok: true, data: transformed, meta }
  } catch (cause) {
    if (api.signal.aborted) return abortedOutcome()
    if (cause instanceof NamedSchemaError) return handleSchemaFailure(ctx, definition, cause, arg, api)
    reportError(
      `${what} of endpoint '${api.endpoint}'${api.queryCacheKey ? ` (cache key ${api.queryCacheKey})` : ''} threw. ` +
        `The request is stored as rejected with the serialized error and no tags are provided or invalidated. ` +
        `Return { error } from ${what} instead of throwing.`,
      cause,
    )
    return { ok: false, error: serializeError(cause), meta: undefined, thrown: true }
  }
}
