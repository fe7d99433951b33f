import type { ApiContext } from './apiContext'
import { MESSAGE_PREFIX, reportError, serializeError } from './errors'
import type { BaseQueryApi } from './types/baseQuery'
import type { EndpointDefinition } from './types/definitions'
import type { SchemaFailureInfo, SchemaType, StandardSchemaV1 } from './types/schemas'

const MAX_LISTED_ISSUES = 5

function formatPath(path: StandardSchemaV1.Issue['path']): string {
  let text = ''
  for (const segment of path ?? []) {
    const key = typeof segment === 'object' && segment !== null ? segment.key : segment
    if (typeof key === 'number') text += `[${key}]`
    else text += text === '' ? String(key) : `.${String(key)}`
  }
  return text
}

function describeIssues(issues: readonly StandardSchemaV1.Issue[]): string {
  const listed = issues.slice(0, MAX_LISTED_ISSUES).map((issue) => {
    const path = formatPath(issue.path)
    return path ? `${path}: ${issue.message}` : issue.message
  })
  const more = issues.length - listed.length
  return listed.join('; ') + (more > 0 ? ` (and ${more} more)` : '')
}

/**
 * A value an endpoint's schema rejected. `issues` are the schema's issues,
 * `value` is what was checked and `schemaName` which schema checked it
 * (`'responseSchema'`, ...). The message names the endpoint and the issues.
 */
export class NamedSchemaError extends Error {
  readonly issues: readonly StandardSchemaV1.Issue[]
  readonly value: unknown
  readonly schemaName: `${SchemaType}Schema`
  /** The base query's `meta` of the failed request, stored with a caught failure. */
  readonly baseQueryMeta: unknown

  constructor(
    issues: readonly StandardSchemaV1.Issue[],
    value: unknown,
    schemaName: `${SchemaType}Schema`,
    endpoint: string,
    baseQueryMeta?: unknown,
  ) {
    super(
      `${MESSAGE_PREFIX} ${schemaName} of endpoint '${endpoint}' rejected the value: ${describeIssues(issues)}. ` +
        `Fix the data or the schema, or handle failures with \`catchSchemaFailure\`.`,
    )
    // Same name as RTK Query's schema errors, so serialized errors match.
    this.name = 'SchemaError'
    this.issues = issues
    this.value = value
    this.schemaName = schemaName
    this.baseQueryMeta = baseQueryMeta
  }
}

/** Checks one value; resolves to the schema's output or rejects with a `NamedSchemaError`. */
export type SchemaCheck = (type: SchemaType, value: unknown, baseQueryMeta?: unknown) => Promise<unknown>

function isSkipped(skip: boolean | SchemaType[] | undefined, type: SchemaType): boolean {
  return Array.isArray(skip) ? skip.includes(type) : Boolean(skip)
}

/**
 * The schema checks of one endpoint, or undefined when it has no schema left
 * to run (none defined, or all skipped), so requests of endpoints without
 * schemas take no extra step.
 *
 * @internal
 */
export function schemaCheckFor(
  ctx: ApiContext,
  definition: EndpointDefinition,
  endpoint: string,
): SchemaCheck | undefined {
  const { argSchema, rawResponseSchema, responseSchema, rawErrorResponseSchema, errorResponseSchema, metaSchema } =
    definition
  const anyDefined =
    argSchema || rawResponseSchema || responseSchema || rawErrorResponseSchema || errorResponseSchema || metaSchema
  const skip = definition.skipSchemaValidation ?? ctx.schemaOptions.skipSchemaValidation
  if (!anyDefined || skip === true) return undefined
  const schemas: Partial<Record<SchemaType, StandardSchemaV1 | undefined>> = {
    arg: argSchema,
    rawResponse: rawResponseSchema,
    response: responseSchema,
    rawErrorResponse: rawErrorResponseSchema,
    errorResponse: errorResponseSchema,
    meta: metaSchema,
  }
  let remaining = 0
  for (const type of Object.keys(schemas) as SchemaType[]) {
    if (!schemas[type] || isSkipped(skip, type)) delete schemas[type]
    else remaining += 1
  }
  if (remaining === 0) return undefined
  return async (type, value, baseQueryMeta) => {
    const schema = schemas[type]
    if (!schema) return value
    const result = await schema['~standard'].validate(value)
    if (result.issues) throw new NamedSchemaError(result.issues, value, `${type}Schema`, endpoint, baseQueryMeta)
    return result.value
  }
}

/**
 * A schema failure as a rejected request: an error value from
 * `catchSchemaFailure` (as if the base query returned it), or otherwise the
 * serialized failure, stored like a thrown error.
 */
export interface SchemaFailureOutcome {
  ok: false
  error: unknown
  meta: unknown
  thrown: boolean
}

/**
 * Runs `onSchemaFailure` (endpoint's, then createApi's) and
 * `catchSchemaFailure` (endpoint's, else createApi's) for a failure. Reports
 * it with console.error in development unless a handler was given. A handler
 * that throws replaces the failure with its own error.
 *
 * @internal
 */
export function handleSchemaFailure(
  ctx: ApiContext,
  definition: EndpointDefinition,
  failure: NamedSchemaError,
  arg: unknown,
  api: BaseQueryApi,
): SchemaFailureOutcome {
  const info: SchemaFailureInfo = { endpoint: api.endpoint, arg, type: api.type }
  if (api.queryCacheKey !== undefined) info.queryCacheKey = api.queryCacheKey
  const globalOptions = ctx.schemaOptions
  const catchFailure = definition.catchSchemaFailure ?? globalOptions.catchSchemaFailure
  try {
    definition.onSchemaFailure?.(failure, info)
    globalOptions.onSchemaFailure?.(failure, info)
    if (catchFailure)
      return { ok: false, error: catchFailure(failure, info), meta: failure.baseQueryMeta, thrown: false }
  } catch (cause) {
    reportError(
      `A schema failure handler of endpoint '${api.endpoint}' threw while handling a ${failure.schemaName} failure. ` +
        `The request is stored as rejected with the handler's error. Do not throw from onSchemaFailure or catchSchemaFailure.`,
      cause,
    )
    return { ok: false, error: serializeError(cause), meta: undefined, thrown: true }
  }
  const handled = Boolean(definition.onSchemaFailure ?? globalOptions.onSchemaFailure)
  if (!handled && process.env.NODE_ENV !== 'production') {
    reportError(
      `A schema failure made the request of endpoint '${api.endpoint}'` +
        `${api.queryCacheKey ? ` (cache key ${api.queryCacheKey})` : ''} fail; it is stored as rejected and no tags are ` +
        `provided or invalidated. Pass \`onSchemaFailure\` to report failures yourself, or \`catchSchemaFailure\` to store an error value.`,
      failure,
    )
  }
  return { ok: false, error: serializeError(failure), meta: undefined, thrown: true }
}
