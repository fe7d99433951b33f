import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'

import { fakeBaseQuery } from '../../src/core/fakeBaseQuery'
import { fetchBaseQuery } from '../../src/core/fetchBaseQuery'
import { appendQuery, joinUrls } from '../../src/core/fetchBaseQueryHelpers'
import { findClosedPort, jsonRoute as json, startTestServer } from './helpers/httpServer'

import type { FetchArgs, FetchBaseQueryError, FetchBaseQueryMeta } from '../../src/core/fetchBaseQuery'
import type { BaseQueryApi, QueryReturnValue } from '../../src/core/types/baseQuery'
import type { SeenRequest, TestServer } from './helpers/httpServer'

type Result = QueryReturnValue<unknown, FetchBaseQueryError, FetchBaseQueryMeta>

let server: TestServer

beforeAll(async () => {
  server = await startTestServer({
    '/echo': (request, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(request)),
    '/json': json({ hello: 'world' }),
    '/vnd-json': json({ data: { id: '1' } }, 200, 'application/vnd.api+json'),
    '/text': (_, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('hello text'),
    '/empty-json': (_, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(),
    '/no-content': (_, res) => res.writeHead(204).end(),
    '/invalid-json': (_, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('not json {'),
    '/missing': json({ message: 'not found' }, 404),
    '/error-flag': json({ error: true }),
    // Never answers; the server destroys these sockets on close.
    '/hang': () => {},
    // Sends headers and half a body, then stalls.
    '/stalled-body': (_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write('{"partial":')
    },
  })
})

afterAll(async () => {
  await server.close()
})

afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
})

function createApi(overrides: Partial<BaseQueryApi> = {}) {
  const controller = new AbortController()
  const api: BaseQueryApi = {
    signal: controller.signal,
    abort: (reason) => controller.abort(reason),
    dispatch: vi.fn(),
    getState: () => ({ auth: { token: 'secret-token' } }),
    extra: { fromThunk: true },
    endpoint: 'getThing',
    type: 'query',
    ...overrides,
  }
  return { api, controller }
}

async function run(
  options: Parameters<typeof fetchBaseQuery>[0],
  arg: string | FetchArgs,
  api: BaseQueryApi = createApi().api,
): Promise<Result> {
  return fetchBaseQuery({ baseUrl: server.origin, ...options })(arg, api, {})
}

/** The request as the server saw it, returned by the `/echo` route. */
function echoed(result: Result): SeenRequest {
  expect(result.error).toBeUndefined()
  return result.data as SeenRequest
}

describe('url building', () => {
  it('joins baseUrl and url with exactly one slash, leaving absolute urls alone', () => {
    expect(joinUrls('https://a.test/api', 'items')).toBe('https://a.test/api/items')
    expect(joinUrls('https://a.test/api/', '/items')).toBe('https://a.test/api/items')
    expect(joinUrls('https://a.test/api//', 'items')).toBe('https://a.test/api/items')
    expect(joinUrls('https://a.test/api', '?page=2')).toBe('https://a.test/api?page=2')
    expect(joinUrls(undefined, '/items')).toBe('/items')
    expect(joinUrls('https://a.test/api', '')).toBe('https://a.test/api')
    // Absolute and protocol-relative urls pass through unchanged.
    expect(joinUrls('https://a.test/api', 'https://b.test/x')).toBe('https://b.test/x')
    expect(joinUrls('https://a.test/api', '//b.test/x')).toBe('//b.test/x')
    // Only a leading scheme counts; a url mentioned in the query is still relative.
    expect(joinUrls('https://a.test/api', 'go?to=https://b.test')).toBe('https://a.test/api/go?to=https://b.test')
  })

  it('appends a query with ? or & as the url needs', () => {
    expect(appendQuery('/a', 'x=1')).toBe('/a?x=1')
    expect(appendQuery('/a?y=2', 'x=1')).toBe('/a?y=2&x=1')
    expect(appendQuery('/a?', 'x=1')).toBe('/a?x=1')
    expect(appendQuery('/a', '')).toBe('/a')
  })

  it('requests baseUrl + url on the server, or an absolute url as is', async () => {
    const result = await run({ baseUrl: `${server.origin}/` }, '/echo')
    expect(echoed(result).url).toBe('/echo')
    expect(result.meta?.request.url).toBe(`${server.origin}/echo`)
    expect(result.meta?.request.method).toBe('GET')
    expect(result.meta?.response?.status).toBe(200)

    const port = await findClosedPort()
    const absolute = await run({ baseUrl: `http://127.0.0.1:${port}/elsewhere` }, `${server.origin}/echo?x=1`)
    expect(echoed(absolute).url).toBe('/echo?x=1')
  })

  it('serializes params, skipping undefined values and extending an existing query', async () => {
    const result = await run({}, { url: 'echo', params: { q: 'a b', page: 2, missing: undefined, flag: false } })
    expect(echoed(result).url).toBe('/echo?q=a+b&page=2&flag=false')
    const withQuery = await run({}, { url: 'echo?sort=asc', params: { page: 3 } })
    expect(echoed(withQuery).url).toBe('/echo?sort=asc&page=3')
  })

  it('uses paramsSerializer when given', async () => {
    const paramsSerializer = vi.fn((params: Record<string, any>) => `ids=${params.ids.join('|')}`)
    const result = await run({ paramsSerializer }, { url: 'echo', params: { ids: [1, 2] } })
    expect(paramsSerializer).toHaveBeenCalledWith({ ids: [1, 2] })
    expect(echoed(result).url).toBe('/echo?ids=1|2')
  })

  it('throws a clear error for a relative url that cannot be resolved', async () => {
    await expect(fetchBaseQuery()('relative/path', createApi().api, {})).rejects.toThrow(
      /^\[api-slice\] fetchBaseQuery could not build a request for "relative\/path".*absolute baseUrl/,
    )
  })
})

describe('headers', () => {
  it('lets prepareHeaders add a header the server sees, with the api and the argument', async () => {
    const prepareHeaders = vi.fn(async (headers: Headers, { getState }: { getState: () => unknown }) => {
      await Promise.resolve()
      headers.set('authorization', `Bearer ${(getState() as { auth: { token: string } }).auth.token}`)
    })
    const { api } = createApi({ forced: true })
    const arg = { url: 'echo', method: 'GET' }
    const result = await fetchBaseQuery({ baseUrl: server.origin, prepareHeaders })(arg, api, { retries: 1 })

    expect(echoed(result).headers.authorization).toBe('Bearer secret-token')
    expect(prepareHeaders).toHaveBeenCalledWith(expect.any(Headers), {
      getState: api.getState,
      extra: { fromThunk: true },
      endpoint: 'getThing',
      type: 'query',
      forced: true,
      arg,
      extraOptions: { retries: 1 },
    })
  })

  it('uses the Headers that prepareHeaders returns', async () => {
    const result = await run(
      { prepareHeaders: () => new Headers({ 'x-replaced': 'yes' }), headers: { 'x-base': '1' } },
      'echo',
    )
    const { headers } = echoed(result)
    expect(headers['x-replaced']).toBe('yes')
    expect(headers['x-base']).toBeUndefined()
  })

  it('merges default and request headers; request values win and undefined values are skipped', async () => {
    const result = await run(
      { headers: { 'x-base': 'base', 'x-shared': 'base' } },
      { url: 'echo', headers: { 'x-shared': 'request', 'x-skipped': undefined } },
    )
    const { headers } = echoed(result)
    expect(headers).toMatchObject({ 'x-base': 'base', 'x-shared': 'request' })
    expect(headers).not.toHaveProperty('x-skipped')
  })
})

describe('request body', () => {
  it('sends a plain object as JSON with the JSON content type', async () => {
    const result = await run({}, { url: 'echo', method: 'POST', body: { name: 'Ada', tags: ['x'] } })
    const seen = echoed(result)
    expect(seen.method).toBe('POST')
    expect(seen.headers['content-type']).toBe('application/json')
    expect(JSON.parse(seen.body)).toEqual({ name: 'Ada', tags: ['x'] })
  })

  it('sends arrays and objects with toJSON as JSON, using jsonReplacer and jsonContentType', async () => {
    const jsonReplacer = (key: string, value: unknown) => (key === 'secret' ? undefined : value)
    const options = { jsonReplacer, jsonContentType: 'application/vnd.api+json' }
    const arrayResult = await run(options, { url: 'echo', method: 'POST', body: [{ id: 1, secret: 'x' }] })
    expect(echoed(arrayResult).headers['content-type']).toBe('application/vnd.api+json')
    expect(echoed(arrayResult).body).toBe('[{"id":1}]')

    const date = new Date('2024-01-02T03:04:05.000Z')
    const dateResult = await run({}, { url: 'echo', method: 'PUT', body: date })
    expect(echoed(dateResult).body).toBe('"2024-01-02T03:04:05.000Z"')
  })

  it('keeps an explicit content type and does not stringify for a non-JSON one', async () => {
    const jsonish = await run(
      {},
      { url: 'echo', method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: { a: 1 } },
    )
    expect(echoed(jsonish).headers['content-type']).toBe('application/json; charset=utf-8')
    expect(echoed(jsonish).body).toBe('{"a":1}')

    const prepared = await run(
      { prepareHeaders: (headers) => void headers.set('content-type', 'text/x-custom') },
      { url: 'echo', method: 'POST', body: { a: 1 } },
    )
    expect(echoed(prepared).headers['content-type']).toBe('text/x-custom')
    expect(echoed(prepared).body).toBe('[object Object]')
  })

  const formData = new FormData()
  formData.set('field', 'value')
  it.each([
    ['a string', 'raw,text', 'raw,text', 'text/plain;charset=UTF-8'],
    ['URLSearchParams', new URLSearchParams({ a: '1' }), 'a=1', 'application/x-www-form-urlencoded;charset=UTF-8'],
    ['FormData', formData, /name="field"\r\n\r\nvalue/, /^multipart\/form-data; boundary=/],
    ['a Blob', new Blob(['blob!'], { type: 'x/blob' }), 'blob!', 'x/blob'],
    ['an ArrayBuffer', new TextEncoder().encode('bytes').buffer, 'bytes', undefined],
  ])('passes %s through unchanged', async (_, body, expectedBody, expectedType) => {
    const seen = echoed(await run({}, { url: 'echo', method: 'POST', body }))
    expect(seen.body).toEqual(typeof expectedBody === 'string' ? expectedBody : expect.stringMatching(expectedBody))
    expect(seen.headers['content-type']).toEqual(
      expectedType instanceof RegExp ? expect.stringMatching(expectedType) : expectedType,
    )
  })

  it('keeps the request body readable in meta', async () => {
    const result = await run({}, { url: 'echo', method: 'POST', body: { a: 1 } })
    expect(await result.meta?.request.text()).toBe('{"a":1}')
  })
})

describe('response handling', () => {
  it('parses JSON by default, and an empty body as null', async () => {
    expect(await run({}, 'json')).toMatchObject({ data: { hello: 'world' } })
    expect((await run({}, 'empty-json')).data).toBeNull()
    expect((await run({}, 'no-content')).data).toBeNull()
  })

  it('reports invalid JSON as PARSING_ERROR with the raw text and original status', async () => {
    const result = await run({}, 'invalid-json')
    expect(result.error).toMatchObject({ status: 'PARSING_ERROR', originalStatus: 200, data: 'not json {' })
    expect(result.error && 'error' in result.error && result.error.error).toMatch(/SyntaxError/)
    expect(result.meta?.response?.status).toBe(200)
  })

  it('returns text with the text handler, globally or per request', async () => {
    expect((await run({ responseHandler: 'text' }, 'json')).data).toBe('{"hello":"world"}')
    expect((await run({}, { url: 'invalid-json', responseHandler: 'text' })).data).toBe('not json {')
  })

  it('chooses by content type with the content-type handler', async () => {
    expect((await run({ responseHandler: 'content-type' }, 'json')).data).toEqual({ hello: 'world' })
    expect((await run({ responseHandler: 'content-type' }, 'vnd-json')).data).toEqual({ data: { id: '1' } })
    expect((await run({ responseHandler: 'content-type' }, 'text')).data).toBe('hello text')
    const custom = { responseHandler: 'content-type' as const, isJsonContentType: () => false }
    expect((await run(custom, 'json')).data).toBe('{"hello":"world"}')
  })

  it('uses a function handler, and reports its failure as PARSING_ERROR', async () => {
    const upper = async (response: Response) => (await response.text()).toUpperCase()
    expect((await run({}, { url: 'text', responseHandler: upper })).data).toBe('HELLO TEXT')

    const failing = () => Promise.reject(new Error('cannot handle'))
    const result = await run({}, { url: 'text', responseHandler: failing })
    expect(result.error).toEqual({
      status: 'PARSING_ERROR',
      originalStatus: 200,
      data: 'hello text',
      error: 'Error: cannot handle',
    })
  })

  it('returns { status, data } for a status outside 200-299', async () => {
    const result = await run({}, 'missing')
    expect(result).toEqual({ error: { status: 404, data: { message: 'not found' } }, meta: expect.anything() })
    expect(result.meta?.response?.status).toBe(404)
  })

  it('lets validateStatus decide success from the response and body', async () => {
    const accept404 = await run({ validateStatus: (response) => response.status === 404 }, 'missing')
    expect(accept404).toMatchObject({ data: { message: 'not found' } })
    expect(accept404.error).toBeUndefined()

    const validateStatus = vi.fn((response: Response, body: any) => response.ok && !body.error)
    const rejected = await run({}, { url: 'error-flag', validateStatus })
    expect(rejected.error).toEqual({ status: 200, data: { error: true } })
    expect(validateStatus).toHaveBeenCalledWith(expect.any(Response), { error: true })
  })
})

describe('failures, timeouts and aborts', () => {
  it('returns FETCH_ERROR when nothing listens on the port', async () => {
    const port = await findClosedPort()
    const result = await run({ baseUrl: `http://127.0.0.1:${port}` }, 'anything')
    expect(result.error).toEqual({ status: 'FETCH_ERROR', error: 'TypeError: fetch failed' })
    expect(result.meta?.request.url).toBe(`http://127.0.0.1:${port}/anything`)
    expect(result.meta?.response).toBeUndefined()
  })

  it('returns TIMEOUT_ERROR when the server does not answer in time, and leaves no timer', async () => {
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout')
    const started = Date.now()
    const result = await run({ timeout: 2000 }, { url: 'hang', timeout: 50 })
    expect(result.error).toMatchObject({ status: 'TIMEOUT_ERROR', error: expect.stringMatching(/TimeoutError/) })
    expect(Date.now() - started).toBeLessThan(1500)
    // Only the per-request timer was started (no 2000 ms one left running), and it has fired.
    const delays = setTimeoutSpy.mock.calls.map((call) => call[1])
    expect(delays).toContain(50)
    expect(delays).not.toContain(2000)
  })

  it('times out a body that stalls after the headers', async () => {
    const result = await run({ timeout: 50 }, 'stalled-body')
    expect(result.error?.status).toBe('TIMEOUT_ERROR')
    expect(result.meta?.response?.status).toBe(200)
  })

  it('clears the timer and detaches from the api signal once the request is done', async () => {
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout')
    const clearTimeoutSpy = vi.spyOn(globalThis, 'clearTimeout')
    const { api, controller } = createApi()
    const result = await run({ timeout: 4321 }, 'json', api)
    expect(result.data).toEqual({ hello: 'world' })

    const index = setTimeoutSpy.mock.calls.findIndex((call) => call[1] === 4321)
    expect(index).toBeGreaterThanOrEqual(0)
    expect(clearTimeoutSpy).toHaveBeenCalledWith(setTimeoutSpy.mock.results[index]?.value)

    // Aborting later must not reach the finished request's signal.
    controller.abort()
    expect(result.meta?.request.signal.aborted).toBe(false)
  })

  it('aborts the fetch when the api signal aborts, returning FETCH_ERROR', async () => {
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout')
    const clearTimeoutSpy = vi.spyOn(globalThis, 'clearTimeout')
    const { api } = createApi()
    const pending = run({ timeout: 5000 }, 'hang', api)
    setTimeout(() => api.abort(), 30)
    const started = Date.now()
    const result = await pending
    expect(result.error).toEqual({ status: 'FETCH_ERROR', error: 'AbortError: This operation was aborted' })
    expect(Date.now() - started).toBeLessThan(2000)
    const index = setTimeoutSpy.mock.calls.findIndex((call) => call[1] === 5000)
    expect(clearTimeoutSpy).toHaveBeenCalledWith(setTimeoutSpy.mock.results[index]?.value)
  })

  it('forwards the abort reason and works without a timeout', async () => {
    const { api } = createApi()
    const pending = run({}, 'hang', api)
    setTimeout(() => api.abort('left the page'), 30)
    expect((await pending).error).toEqual({ status: 'FETCH_ERROR', error: 'left the page' })
  })

  it('fails at once when the api signal is already aborted', async () => {
    const { api, controller } = createApi()
    controller.abort()
    const result = await run({ timeout: 1000 }, 'json?marker=pre-aborted', api)
    expect(result.error?.status).toBe('FETCH_ERROR')
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(server.seen.some((request) => request.url === '/json?marker=pre-aborted')).toBe(false)
  })
})

describe('fetch function', () => {
  it('uses fetchFn instead of the global fetch', async () => {
    const globalFetch = vi.spyOn(globalThis, 'fetch')
    const fetchFn = vi.fn(async (_input: RequestInfo) => new Response('{"from":"fetchFn"}', { status: 200 }))
    const result = await run({ fetchFn }, { url: 'items', params: { a: 1 } })
    expect(result.data).toEqual({ from: 'fetchFn' })
    expect(globalFetch).not.toHaveBeenCalled()
    expect(fetchFn).toHaveBeenCalledWith(expect.objectContaining({ url: `${server.origin}/items?a=1` }))
    expect(fetchFn.mock.calls[0]?.[0]).toBeInstanceOf(Request)
  })

  it('looks up the global fetch at call time', async () => {
    const baseQuery = fetchBaseQuery({ baseUrl: 'https://api.test' })
    const stub = vi.fn(async () => new Response('"stubbed"'))
    vi.stubGlobal('fetch', stub)
    const result = await baseQuery('thing', createApi().api, {})
    expect(result.data).toBe('stubbed')
    expect(stub).toHaveBeenCalledTimes(1)
  })

  it('turns a fetchFn rejection into FETCH_ERROR', async () => {
    const fetchFn = () => Promise.reject(new TypeError('offline'))
    expect((await run({ fetchFn }, 'x')).error).toEqual({ status: 'FETCH_ERROR', error: 'TypeError: offline' })
  })
})

describe('fakeBaseQuery', () => {
  it('throws a clear message naming the endpoint when called', () => {
    const baseQuery = fakeBaseQuery<{ reason: string }>()
    expect(() => baseQuery(undefined, createApi({ endpoint: 'getUser' }).api, {})).toThrow(
      /^\[api-slice\] Endpoint "getUser" .*uses fakeBaseQuery, so give every endpoint a queryFn/,
    )
  })
})
