import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest'
import * as v from 'valibot'
import { createApi, NamedSchemaError, type BaseQueryFn } from 'api-slice'
import { answering, apiState, postSchema, silenceErrors } from './helpers/schemas'
import { setupStore } from './helpers/setup'

afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllEnvs()
})

describe('valid values', () => {
  it('stores the response schema output, so schemas may transform the data', async () => {
    const api = createApi({
      baseQuery: answering({ data: { id: '7', title: 'hello' } }),
      endpoints: (build) => ({
        getPost: build.query({
          query: (id: number) => `posts/${id}`,
          responseSchema: v.object({ id: v.pipe(v.string(), v.transform(Number)), title: v.string() }),
        }),
      }),
    })
    const store = setupStore(api)
    const result = await store.dispatch(api.endpoints.getPost.initiate(7))

    expectTypeOf(result.data).toEqualTypeOf<{ id: number; title: string } | undefined>()
    expect(result.data).toEqual({ id: 7, title: 'hello' })
    expect(apiState(store).queries['getPost(7)']).toMatchObject({
      status: 'fulfilled',
      data: { id: 7, title: 'hello' },
    })
  })

  it('passes the argument schema output to query and transformResponse, and keeps the original argument in the entry', async () => {
    const baseQuery = answering({ data: 'ok' })
    const transformResponse = vi.fn((raw: unknown, _meta: unknown, _arg: unknown) => raw)
    const api = createApi({
      baseQuery,
      endpoints: (build) => ({
        getPost: build.query<unknown, { id: string }>({
          query: (arg) => ({ url: `posts/${arg.id}`, type: typeof arg.id }),
          argSchema: v.object({ id: v.pipe(v.string(), v.trim()) }),
          transformResponse,
        }),
      }),
    })
    const store = setupStore(api)
    await store.dispatch(api.endpoints.getPost.initiate({ id: ' 3 ' }))

    expect(baseQuery.mock.calls[0]![0]).toEqual({ url: 'posts/3', type: 'string' })
    expect(transformResponse.mock.calls[0]![2]).toEqual({ id: '3' })
    expect(apiState(store).queries['getPost({"id":" 3 "})']?.originalArgs).toEqual({ id: ' 3 ' })
  })
})

describe('a rejected response', () => {
  it('stores the entry as rejected with a message naming the endpoint, the schema and the field', async () => {
    const error = silenceErrors()
    const api = createApi({
      baseQuery: answering({ data: { id: '1', title: 'hello' } }),
      tagTypes: ['Post'],
      endpoints: (build) => ({
        getPost: build.query({
          query: (id: number) => `posts/${id}`,
          responseSchema: postSchema,
          providesTags: ['Post'],
        }),
      }),
    })
    const store = setupStore(api)
    const result = await store.dispatch(api.endpoints.getPost.initiate(1))

    const entry = apiState(store).queries['getPost(1)']
    expect(entry?.status).toBe('rejected')
    expect(entry?.data).toBeUndefined()
    expect(result.error).toEqual(entry?.error)
    expect(entry?.error).toMatchObject({ name: 'SchemaError' })
    const message = (entry?.error as { message: string }).message
    expect(message).toMatch(/^\[api-slice\] responseSchema of endpoint 'getPost' rejected the value: id: /)
    expect(message).toContain('Expected number')
    expect(apiState(store).provided.tags).toEqual({})
    expect(error).toHaveBeenCalledTimes(1)
    expect(String(error.mock.calls[0]![0])).toContain("endpoint 'getPost'")
    expect(error.mock.calls[0]![1]).toBeInstanceOf(NamedSchemaError)
  })

  it('names nested and array fields in the message', async () => {
    silenceErrors()
    const api = createApi({
      baseQuery: answering({ data: { author: { name: 5 }, tags: ['a', 2] } }),
      endpoints: (build) => ({
        getPost: build.query({
          query: (_: void) => 'post',
          responseSchema: v.object({ author: v.object({ name: v.string() }), tags: v.array(v.string()) }),
        }),
      }),
    })
    const store = setupStore(api)
    const { error } = await store.dispatch(api.endpoints.getPost.initiate())

    expect((error as Error).message).toMatch(/author\.name: .*; tags\[1\]: /)
  })

  it('rejects a mutation, so unwrap throws the serialized schema error', async () => {
    silenceErrors()
    const api = createApi({
      baseQuery: answering({ data: { id: 1 } }),
      endpoints: (build) => ({
        addPost: build.mutation({ query: (title: string) => ({ title }), responseSchema: postSchema }),
      }),
    })
    const store = setupStore(api)

    await expect(store.dispatch(api.endpoints.addPost.initiate('x')).unwrap()).rejects.toMatchObject({
      message: expect.stringMatching(/responseSchema of endpoint 'addPost' rejected the value: title: /),
    })
  })

  it('does not log in production', async () => {
    vi.stubEnv('NODE_ENV', 'production')
    const error = silenceErrors()
    const api = createApi({
      baseQuery: answering({ data: {} }),
      endpoints: (build) => ({ getPost: build.query({ query: (_: void) => 'post', responseSchema: postSchema }) }),
    })
    const store = setupStore(api)
    const result = await store.dispatch(api.endpoints.getPost.initiate())

    expect(result.isError).toBe(true)
    expect(error).not.toHaveBeenCalled()
  })
})

describe('the order of the checks', () => {
  it('makes no request when the argument is rejected', async () => {
    silenceErrors()
    const baseQuery = answering({ data: 'ok' })
    const api = createApi({
      baseQuery,
      endpoints: (build) => ({
        getPost: build.query({ query: (id: number) => `posts/${id}`, argSchema: v.number() }),
      }),
    })
    const store = setupStore(api)
    const result = await store.dispatch(api.endpoints.getPost.initiate('1' as unknown as number))

    expect(baseQuery).not.toHaveBeenCalled()
    expect(result.isError).toBe(true)
    expect((result.error as Error).message).toContain("argSchema of endpoint 'getPost'")
  })

  it('checks the raw response before transformResponse and passes its output on', async () => {
    silenceErrors()
    const transformResponse = vi.fn((raw: { id: number; title: string }) => raw.title)
    const api = createApi({
      baseQuery: answering({ data: { id: 1, title: '  spaced  ' } }),
      endpoints: (build) => ({
        good: build.query({
          query: (_: void) => 'post',
          rawResponseSchema: v.object({ id: v.number(), title: v.pipe(v.string(), v.trim()) }),
          transformResponse,
        }),
        bad: build.query({ query: (_: void) => 'post', rawResponseSchema: v.array(v.number()), transformResponse }),
      }),
    })
    const store = setupStore(api)

    const bad = await store.dispatch(api.endpoints.bad.initiate())
    expect(transformResponse).not.toHaveBeenCalled()
    expect((bad.error as Error).message).toContain("rawResponseSchema of endpoint 'bad'")

    const good = await store.dispatch(api.endpoints.good.initiate())
    expect(transformResponse).toHaveBeenCalledTimes(1)
    expect(good.data).toBe('spaced')
  })

  it('checks the error after transformErrorResponse and stores its output', async () => {
    const api = createApi({
      baseQuery: answering({ error: { status: 404 } }),
      endpoints: (build) => ({
        getPost: build.query({
          query: (_: void) => 'post',
          rawErrorResponseSchema: v.object({ status: v.number() }),
          transformErrorResponse: (error: any) => ({ code: String(error.status) }),
          errorResponseSchema: v.object({
            code: v.pipe(
              v.string(),
              v.transform((code) => `E${code}`),
            ),
          }),
        }),
      }),
    })
    const store = setupStore(api)
    const result = await store.dispatch(api.endpoints.getPost.initiate())

    expect(result.error).toEqual({ code: 'E404' })
    expect(apiState(store).queries['getPost(undefined)']).toMatchObject({ status: 'rejected', error: { code: 'E404' } })
  })

  it('rejects with a schema error when the error itself does not match', async () => {
    silenceErrors()
    const transformErrorResponse = vi.fn((error: unknown) => error)
    const api = createApi({
      baseQuery: answering({ error: 'not an object' }),
      endpoints: (build) => ({
        raw: build.query({ query: (_: void) => 'post', rawErrorResponseSchema: v.object({}), transformErrorResponse }),
        transformed: build.query({ query: (_: void) => 'post', errorResponseSchema: v.object({ status: v.number() }) }),
      }),
    })
    const store = setupStore(api)

    const raw = await store.dispatch(api.endpoints.raw.initiate())
    expect(transformErrorResponse).not.toHaveBeenCalled()
    expect((raw.error as Error).message).toContain("rawErrorResponseSchema of endpoint 'raw'")
    const transformed = await store.dispatch(api.endpoints.transformed.initiate())
    expect((transformed.error as Error).message).toContain("errorResponseSchema of endpoint 'transformed'")
  })

  it('checks meta and gives transformResponse the schema output', async () => {
    silenceErrors()
    const transformResponse = vi.fn((raw: unknown, _meta: unknown, _arg: unknown) => raw)
    const metaSchema = v.object({ status: v.pipe(v.string(), v.transform(Number)) })
    const api = createApi({
      baseQuery: vi.fn<BaseQueryFn>((arg) => ({ data: 'ok', meta: { status: arg } })),
      endpoints: (build) => ({
        getPost: build.query({ query: (status: unknown) => status, metaSchema, transformResponse }),
      }),
    })
    const store = setupStore(api)

    await store.dispatch(api.endpoints.getPost.initiate('200'))
    expect(transformResponse.mock.calls[0]![1]).toEqual({ status: 200 })
    const bad = await store.dispatch(api.endpoints.getPost.initiate(200))
    expect((bad.error as Error).message).toContain("metaSchema of endpoint 'getPost' rejected the value: status: ")
  })
})

describe('catchSchemaFailure and onSchemaFailure', () => {
  it('stores the error catchSchemaFailure returns, as if the baseQuery had returned it', async () => {
    const error = silenceErrors()
    const providesTags = vi.fn(() => ['Post' as const])
    const catchSchemaFailure = vi.fn((failure: NamedSchemaError) => ({
      status: 'CUSTOM_ERROR',
      error: `${failure.schemaName} failed`,
      fields: failure.issues.map((issue) => issue.path?.map((segment: any) => segment.key).join('.')),
    }))
    const api = createApi({
      baseQuery: answering({ data: { id: 'x', title: 'hello' }, meta: { request: 1 } }),
      tagTypes: ['Post'],
      endpoints: (build) => ({
        getPost: build.query({
          query: (_: void) => 'post',
          responseSchema: postSchema,
          catchSchemaFailure,
          providesTags,
        }),
      }),
    })
    const store = setupStore(api)
    const result = await store.dispatch(api.endpoints.getPost.initiate())

    const stored = { status: 'CUSTOM_ERROR', error: 'responseSchema failed', fields: ['id'] }
    expect(result.error).toEqual(stored)
    expect(apiState(store).queries['getPost(undefined)']).toMatchObject({ status: 'rejected', error: stored })
    expect(providesTags).toHaveBeenCalledWith(undefined, stored, undefined, { request: 1 })
    const [failure, info] = catchSchemaFailure.mock.calls[0] as unknown as [NamedSchemaError, unknown]
    expect(failure).toBeInstanceOf(NamedSchemaError)
    expect(failure.value).toEqual({ id: 'x', title: 'hello' })
    expect(info).toEqual({ endpoint: 'getPost', arg: undefined, type: 'query', queryCacheKey: 'getPost(undefined)' })
    expect(error).not.toHaveBeenCalled()
  })

  it("uses createApi's catchSchemaFailure unless the endpoint has its own", async () => {
    const api = createApi({
      baseQuery: answering({ data: null }),
      catchSchemaFailure: (failure) => ({ from: 'api', schema: failure.schemaName }),
      endpoints: (build) => ({
        usesGlobal: build.query({ query: (_: void) => 'a', responseSchema: v.string() }),
        hasOwn: build.query({ query: (_: void) => 'b', responseSchema: v.string(), catchSchemaFailure: () => 'own' }),
      }),
    })
    const store = setupStore(api)

    expect((await store.dispatch(api.endpoints.usesGlobal.initiate())).error).toEqual({
      from: 'api',
      schema: 'responseSchema',
    })
    expect((await store.dispatch(api.endpoints.hasOwn.initiate())).error).toBe('own')
  })

  it("calls the endpoint's and createApi's onSchemaFailure with the failure and its info, instead of logging", async () => {
    const error = silenceErrors()
    const onEndpoint = vi.fn()
    const onApi = vi.fn()
    const api = createApi({
      baseQuery: answering({ data: 'ok' }),
      onSchemaFailure: onApi,
      endpoints: (build) => ({
        getPost: build.query({
          query: (id: number) => `posts/${id}`,
          argSchema: v.pipe(v.number(), v.integer()),
          onSchemaFailure: onEndpoint,
        }),
        addPost: build.mutation({ query: (title: string) => title, responseSchema: v.number() }),
      }),
    })
    const store = setupStore(api)
    const query = await store.dispatch(api.endpoints.getPost.initiate(5.5))
    await store.dispatch(api.endpoints.addPost.initiate('t'))

    expect(query.isError).toBe(true)
    expect(onEndpoint).toHaveBeenCalledTimes(1)
    const [failure, info] = onEndpoint.mock.calls[0]!
    expect(failure).toMatchObject({ schemaName: 'argSchema', value: 5.5 })
    expect(failure.issues.length).toBeGreaterThan(0)
    expect(info).toEqual({ endpoint: 'getPost', arg: 5.5, type: 'query', queryCacheKey: 'getPost(5.5)' })
    expect(onApi).toHaveBeenCalledTimes(2)
    expect(onApi.mock.calls[0]![0]).toBe(failure)
    expect(onApi.mock.calls[1]![1]).toEqual({ endpoint: 'addPost', arg: 't', type: 'mutation' })
    expect(error).not.toHaveBeenCalled()
  })

  it("stores the handler's own error, and logs it, when a handler throws", async () => {
    const error = silenceErrors()
    const api = createApi({
      baseQuery: answering({ data: 'ok' }),
      endpoints: (build) => ({
        getPost: build.query({
          query: (_: void) => 'post',
          responseSchema: v.number(),
          catchSchemaFailure: () => {
            throw new Error('converter broke')
          },
        }),
      }),
    })
    const store = setupStore(api)
    const result = await store.dispatch(api.endpoints.getPost.initiate())

    expect(result.error).toMatchObject({ message: 'converter broke' })
    expect(error).toHaveBeenCalledTimes(1)
  })
})

describe('skipSchemaValidation', () => {
  const invalidPost = { id: 'x' }

  it("skips every schema when true, with an endpoint's setting replacing createApi's", async () => {
    silenceErrors()
    const build = (apiSkip?: boolean, endpointSkip?: boolean) =>
      createApi({
        baseQuery: answering({ data: invalidPost }),
        skipSchemaValidation: apiSkip,
        endpoints: (build) => ({
          getPost: build.query({
            query: (id: number) => id,
            argSchema: v.pipe(v.number(), v.minValue(10)),
            responseSchema: postSchema,
            skipSchemaValidation: endpointSkip,
          }),
        }),
      })
    const fetchPost = async (api: ReturnType<typeof build>) =>
      setupStore(api).dispatch(api.endpoints.getPost.initiate(1))

    expect((await fetchPost(build())).isError).toBe(true)
    expect((await fetchPost(build(true))).data).toEqual(invalidPost)
    expect((await fetchPost(build(undefined, true))).data).toEqual(invalidPost)
    expect((await fetchPost(build(true, false))).isError).toBe(true)
  })

  it('skips only the listed kinds', async () => {
    const error = silenceErrors()
    const baseQuery = answering({ data: invalidPost })
    const api = createApi({
      baseQuery,
      endpoints: (build) => ({
        getPost: build.query({
          query: (id: number) => id,
          argSchema: v.number(),
          responseSchema: postSchema,
          skipSchemaValidation: ['response'],
        }),
      }),
    })
    const store = setupStore(api)

    expect((await store.dispatch(api.endpoints.getPost.initiate(1))).data).toEqual(invalidPost)
    const badArg = await store.dispatch(api.endpoints.getPost.initiate('2' as unknown as number))
    expect((badArg.error as Error).message).toContain('argSchema')
    expect(baseQuery).toHaveBeenCalledTimes(1)
    expect(error).toHaveBeenCalledTimes(1)
  })
})

describe('async schemas', () => {
  const slugIsFree = v.pipeAsync(
    v.string(),
    v.checkAsync(async (slug) => {
      await new Promise((resolve) => setTimeout(resolve, 1))
      return slug !== 'taken'
    }, 'Slug is taken'),
    v.transformAsync(async (slug) => slug.toUpperCase()),
  )

  it('waits for an async schema and stores its output', async () => {
    const api = createApi({
      baseQuery: vi.fn<BaseQueryFn>((arg) => ({ data: arg })),
      endpoints: (build) => ({ getSlug: build.query({ query: (slug: string) => slug, responseSchema: slugIsFree }) }),
    })
    const store = setupStore(api)

    expect((await store.dispatch(api.endpoints.getSlug.initiate('free'))).data).toBe('FREE')
  })

  it('rejects when an async schema reports issues', async () => {
    silenceErrors()
    const baseQuery = answering({ data: 'ok' })
    const api = createApi({
      baseQuery,
      endpoints: (build) => ({ addSlug: build.mutation({ query: (slug: string) => slug, argSchema: slugIsFree }) }),
    })
    const store = setupStore(api)
    const result = await store.dispatch(api.endpoints.addSlug.initiate('taken'))

    expect(baseQuery).not.toHaveBeenCalled()
    expect((result as { error: Error }).error.message).toContain(
      "argSchema of endpoint 'addSlug' rejected the value: Slug is taken",
    )
  })
})
