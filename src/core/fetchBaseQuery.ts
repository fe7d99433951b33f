import type { BaseQueryApi, BaseQueryFn, MaybePromise } from './types/baseQuery'

import { apiSliceError, warnInDevelopment } from './errors'
import {
  appendQuery,
  createRequestSignal,
  defaultIsJsonContentType,
  defaultValidateStatus,
  isJsonifiable,
  joinUrls,
  mergeHeaders,
  readBody,
  stripUndefined,
} from './fetchBaseQueryHelpers'

/**
 * How the response body becomes `data`:
 * - `'json'`: parsed as JSON; an empty body gives `null`, invalid JSON a `PARSING_ERROR`.
 * - `'text'`: the body as a string.
 * - `'content-type'`: `'json'` when the response's content type is JSON (see `isJsonContentType`), else `'text'`.
 * - a function: receives the `Response` and resolves to the data; if it throws, the result is a `PARSING_ERROR`.
 */
export type ResponseHandler = 'content-type' | 'json' | 'text' | ((response: Response) => Promise<any>)

/** `RequestInit`, except that header values may be `undefined` (skipped) and the body may be any value. */
type CustomRequestInit = Omit<RequestInit, 'headers' | 'body'> & {
  /** Merged over the `headers` given to `fetchBaseQuery`; per-request values win, `undefined` values are skipped. */
  headers?: Headers | string[][] | Record<string, string | undefined> | undefined
}

/** What an endpoint's `query` returns when it needs more than a url. */
export interface FetchArgs extends CustomRequestInit {
  /** Joined to `baseUrl` with exactly one slash; an absolute url (`https://…`, `//host/…`) is used as is. */
  url: string
  /** Query parameters appended to the url; `undefined` values are left out. */
  params?: Record<string, any>
  /**
   * Plain objects, arrays and objects with `toJSON` are sent as JSON (see `jsonContentType`).
   * Strings, `FormData`, `Blob`, `URLSearchParams`, `ArrayBuffer` and streams are passed to `fetch` unchanged.
   */
  body?: any
  /** Overrides the `responseHandler` of `fetchBaseQuery` for this request. Default: that one, else `'json'`. */
  responseHandler?: ResponseHandler
  /**
   * Decides whether the response is a success, given the parsed body. Overrides the `validateStatus` of
   * `fetchBaseQuery`. Default: status 200–299.
   */
  validateStatus?: (response: Response, body: any) => boolean
  /**
   * Milliseconds before the request, including reading its body, is aborted with a `TIMEOUT_ERROR`.
   * Overrides the `timeout` of `fetchBaseQuery`. Default: that one, else no timeout (`0` also means none).
   */
  timeout?: number
}

/** Every error `fetchBaseQuery` can return, plus `CUSTOM_ERROR` for hand-written `queryFn`s. */
export type FetchBaseQueryError =
  | {
      /** The server answered with a status that `validateStatus` rejected. */
      status: number
      /** The response body, read with the response handler. */
      data: unknown
    }
  | {
      /** `fetch` (or `fetchFn`) rejected: network failure, CORS, or an abort by the caller. */
      status: 'FETCH_ERROR'
      data?: undefined
      /** The rejection as a string, e.g. `"TypeError: fetch failed"`. */
      error: string
    }
  | {
      /** The body could not be parsed (invalid JSON for `'json'`), or a custom `responseHandler` threw. */
      status: 'PARSING_ERROR'
      /** The HTTP status of the response whose body failed to parse. */
      originalStatus: number
      /** The raw body text. */
      data: string
      error: string
    }
  | {
      /** The request took longer than `timeout` milliseconds. */
      status: 'TIMEOUT_ERROR'
      data?: undefined
      error: string
    }
  | {
      /** Never produced by `fetchBaseQuery`; for a `queryFn` that needs an error of its own. */
      status: 'CUSTOM_ERROR'
      data?: unknown
      error: string
    }

/** What `fetchBaseQuery` puts in `meta` (and so what `transformResponse` and friends receive). */
export interface FetchBaseQueryMeta {
  /** A copy of the request that was sent, with its body still readable. */
  request: Request
  /** The response, when one arrived; its body has already been read. */
  response?: Response
}

/** The api fields `prepareHeaders` receives, plus the request's argument and extra options. */
export type PrepareHeadersApi = Pick<BaseQueryApi, 'getState' | 'extra' | 'endpoint' | 'type' | 'forced'> & {
  arg: string | FetchArgs
  extraOptions: unknown
}

/**
 * Options of `fetchBaseQuery`. Any other `RequestInit` field (`credentials`, `mode`, `headers`…) is a default for
 * every request; a request's own value wins, and its headers are merged over these.
 */
export interface FetchBaseQueryArgs
  extends RequestInit, Pick<FetchArgs, 'responseHandler' | 'validateStatus' | 'timeout'> {
  /**
   * Prefix of every relative request url, e.g. `https://api.example.com/v1`. Default: none, so urls are used as
   * given (relative to the page in a browser; Node needs absolute urls).
   */
  baseUrl?: string
  /**
   * Runs before every request with the merged headers (`headers` option, then the request's own). Mutate them or
   * return a new `Headers`; may be async, e.g. to read a token. Default: headers are left as they are.
   */
  prepareHeaders?: (headers: Headers, api: PrepareHeadersApi) => MaybePromise<Headers | void>
  /** Replaces `fetch`, e.g. for SSR or tests. Default: the global `fetch`, looked up on every request. */
  fetchFn?: (input: RequestInfo, init?: RequestInit) => Promise<Response>
  /** Turns `params` into a query string (without the leading `?`). Default: `URLSearchParams`, skipping `undefined`. */
  paramsSerializer?: (params: Record<string, any>) => string
  /**
   * Whether headers describe JSON; used for the `'content-type'` response handler and to decide whether a request
   * body is stringified. Default: matches `application/json` and `application/vnd.api+json`.
   */
  isJsonContentType?: (headers: Headers) => boolean
  /** Content type set on JSON request bodies when no content-type header is given. Default: `'application/json'`. */
  jsonContentType?: string
  /** Passed to `JSON.stringify` as its replacer when a body is sent as JSON. Default: none. */
  jsonReplacer?: (this: any, key: string, value: any) => any
}

/** Reads the global at call time, so tests and polyfills that replace `fetch` later are honoured. */
const globalFetch = (input: RequestInfo, init?: RequestInit): Promise<Response> => fetch(input, init)

/**
 * A base query built on `fetch`: joins urls, serializes params and JSON bodies, prepares headers, applies a
 * timeout and turns every outcome into `{ data, meta }` or `{ error, meta }` instead of throwing.
 *
 * @example
 * const api = createApi({
 *   baseQuery: fetchBaseQuery({ baseUrl: '/api', timeout: 10_000 }),
 *   endpoints: (build) => ({ getPost: build.query({ query: (id: number) => `posts/${id}` }) }),
 * })
 */
export function fetchBaseQuery({
  baseUrl,
  prepareHeaders,
  fetchFn = globalFetch,
  paramsSerializer,
  isJsonContentType = defaultIsJsonContentType,
  jsonContentType = 'application/json',
  jsonReplacer,
  timeout: defaultTimeout,
  responseHandler: defaultResponseHandler = 'json',
  validateStatus: defaultValidate = defaultValidateStatus,
  headers: defaultHeaders,
  signal: defaultSignal,
  ...defaultInit
}: FetchBaseQueryArgs = {}): BaseQueryFn<string | FetchArgs, unknown, FetchBaseQueryError, {}, FetchBaseQueryMeta> {
  if (process.env.NODE_ENV !== 'production' && fetchFn === globalFetch && typeof fetch !== 'function') {
    warnInDevelopment(
      'fetchBaseQuery found no global `fetch`. Pass `fetchFn` (for example from undici or cross-fetch) ' +
        'when running where fetch is missing.',
    )
  }

  return async (arg, api, extraOptions) => {
    const {
      url: endpointUrl,
      params,
      body: rawBody,
      headers: requestHeaders,
      signal: requestSignal,
      responseHandler = defaultResponseHandler,
      validateStatus = defaultValidate,
      timeout = defaultTimeout,
      ...requestInit
    }: FetchArgs = typeof arg === 'string' ? { url: arg } : arg

    let url = joinUrls(baseUrl, endpointUrl)
    if (params) url = appendQuery(url, paramsSerializer ? paramsSerializer(params) : serializeParams(params))

    let headers = mergeHeaders(defaultHeaders, requestHeaders)
    if (prepareHeaders) {
      const { getState, extra, endpoint, type, forced } = api
      headers =
        (await prepareHeaders(headers, { getState, extra, endpoint, type, forced, arg, extraOptions })) || headers
    }

    // After prepareHeaders, so that a content type it sets decides how the body is encoded.
    let body: unknown = rawBody
    if (isJsonifiable(body)) {
      if (!headers.has('content-type')) headers.set('content-type', jsonContentType)
      if (isJsonContentType(headers)) body = JSON.stringify(body, jsonReplacer)
    }

    const requestSignalState = createRequestSignal([api.signal, defaultSignal, requestSignal], timeout)
    try {
      const init: RequestInit = {
        ...defaultInit,
        ...requestInit,
        headers,
        // Anything that is not JSON goes to fetch as given; fetch itself rejects what it cannot send.
        body: body as BodyInit | null | undefined,
        signal: requestSignalState.signal,
      }
      const request = createRequest(url, init)
      // fetch consumes the request body; the copy keeps it readable for whoever inspects `meta`.
      const meta: FetchBaseQueryMeta = { request: request.clone() }

      const failure = (cause: unknown): FetchBaseQueryError =>
        requestSignalState.timedOut()
          ? { status: 'TIMEOUT_ERROR', error: String(cause) }
          : { status: 'FETCH_ERROR', error: String(cause) }

      let response: Response
      try {
        response = await fetchFn(request)
      } catch (cause) {
        return { error: failure(cause), meta }
      }
      meta.response = response

      const outcome = await readBody(response, responseHandler, isJsonContentType)
      if (outcome.kind === 'readFailed') return { error: failure(outcome.cause), meta }
      if (outcome.kind === 'parseFailed') {
        // A custom handler that failed because the request was aborted did not meet bad data.
        if (requestSignalState.signal?.aborted) return { error: failure(outcome.cause), meta }
        return {
          error: {
            status: 'PARSING_ERROR',
            originalStatus: response.status,
            data: outcome.text,
            error: String(outcome.cause),
          },
          meta,
        }
      }

      return validateStatus(response, outcome.data)
        ? { data: outcome.data, meta }
        : { error: { status: response.status, data: outcome.data }, meta }
    } finally {
      // Every exit, including a throw, must clear the timer: a pending timer keeps Node (and tests) alive.
      requestSignalState.release()
    }
  }
}

function serializeParams(params: Record<string, any>): string {
  return new URLSearchParams(stripUndefined(params)).toString()
}

function createRequest(url: string, init: RequestInit): Request {
  try {
    return new Request(url, init)
  } catch (cause) {
    // The usual cause is a relative url outside a browser, where there is no page to resolve it against.
    throw apiSliceError(
      `fetchBaseQuery could not build a request for "${url}" (${String(cause)}). ` +
        'Outside a browser, give fetchBaseQuery an absolute baseUrl such as "https://api.example.com".',
    )
  }
}
