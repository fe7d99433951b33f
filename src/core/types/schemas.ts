import type { NamedSchemaError } from '../schemaValidation'

/**
 * The Standard Schema interface (https://standardschema.dev), written out
 * here so that api-slice needs no extra dependency. Valibot, Zod, ArkType and
 * others produce values of this shape.
 */
export interface StandardSchemaV1<TInput = unknown, TOutput = TInput> {
  readonly '~standard': StandardSchemaV1.Props<TInput, TOutput>
}

// eslint-disable-next-line @typescript-eslint/no-namespace
export declare namespace StandardSchemaV1 {
  export interface Props<TInput = unknown, TOutput = TInput> {
    readonly version: 1
    readonly vendor: string
    /** Checks a value; may answer synchronously or with a promise. */
    readonly validate: (value: unknown) => Result<TOutput> | Promise<Result<TOutput>>
    /** Type-only: the schema's input and output types. */
    readonly types?: Types<TInput, TOutput> | undefined
  }

  export type Result<TOutput> = SuccessResult<TOutput> | FailureResult

  export interface SuccessResult<TOutput> {
    readonly value: TOutput
    readonly issues?: undefined
  }

  export interface FailureResult {
    readonly issues: ReadonlyArray<Issue>
  }

  export interface Issue {
    readonly message: string
    readonly path?: ReadonlyArray<PropertyKey | PathSegment> | undefined
  }

  export interface PathSegment {
    readonly key: PropertyKey
  }

  export interface Types<TInput = unknown, TOutput = TInput> {
    readonly input: TInput
    readonly output: TOutput
  }

  export type InferInput<TSchema extends StandardSchemaV1> = NonNullable<TSchema['~standard']['types']>['input']
  export type InferOutput<TSchema extends StandardSchemaV1> = NonNullable<TSchema['~standard']['types']>['output']
}

/** The values an endpoint can check with a schema; `skipSchemaValidation` lists these. */
export type SchemaType = 'arg' | 'rawResponse' | 'response' | 'rawErrorResponse' | 'errorResponse' | 'meta'

/** What `onSchemaFailure` and `catchSchemaFailure` learn about the failed request. */
export interface SchemaFailureInfo {
  endpoint: string
  /** The argument as passed to `initiate` (before `argSchema`). */
  arg: unknown
  type: 'query' | 'mutation'
  /** Only for queries. */
  queryCacheKey?: string
}

/** Called for every schema failure; return nothing. */
export type SchemaFailureHandler = (error: NamedSchemaError, info: SchemaFailureInfo) => void

/** Turns a schema failure into an error value, stored as if the base query had returned `{ error }`. */
export type SchemaFailureConverter<TError = unknown> = (error: NamedSchemaError, info: SchemaFailureInfo) => TError

interface SchemaFailureOptions<TError> {
  /**
   * Called with the `NamedSchemaError` (`issues`, `value`, `schemaName`) and
   * the request's `SchemaFailureInfo` whenever a schema rejects a value. An
   * endpoint's handler runs before createApi's; both run.
   */
  onSchemaFailure?: SchemaFailureHandler
  /**
   * Returns an error value to store instead of failing: the entry becomes
   * rejected with it, exactly as if the base query had returned `{ error }`
   * (so tags are provided/invalidated as for any returned error). Without it a
   * schema failure is treated like a thrown error. An endpoint's converter
   * replaces createApi's.
   */
  catchSchemaFailure?: SchemaFailureConverter<TError>
  /**
   * `true` skips every schema; an array skips the listed kinds only
   * (e.g. `['response']`). An endpoint's value replaces createApi's.
   * Default: `false`.
   */
  skipSchemaValidation?: boolean | SchemaType[]
}

/**
 * Per-endpoint Standard Schemas. Each checked value is replaced by the
 * schema's output, so schemas may transform.
 */
export interface EndpointSchemaOptions<TArg, TResult, TRaw, TError, TMeta> extends SchemaFailureOptions<TError> {
  /** Checks the argument before `query`/`queryFn` runs; on failure no request is made. */
  argSchema?: StandardSchemaV1<TArg, TArg>
  /** Checks the base query's `data` before `transformResponse`. */
  rawResponseSchema?: StandardSchemaV1<unknown, TRaw>
  /** Checks the data after `transformResponse`, before it is cached. */
  responseSchema?: StandardSchemaV1<unknown, TResult>
  /** Checks the base query's `error` before `transformErrorResponse`. */
  rawErrorResponseSchema?: StandardSchemaV1<unknown, TError>
  /** Checks the error after `transformErrorResponse`, before it is stored. */
  errorResponseSchema?: StandardSchemaV1<unknown, TError>
  /** Checks the base query's `meta` (when there is one). */
  metaSchema?: StandardSchemaV1<unknown, TMeta>
}

/** createApi's schema options, the defaults for every endpoint. */
export interface ApiSchemaOptions extends SchemaFailureOptions<unknown> {}
