import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest'
import {
  buildCreateApi,
  coreModule,
  createApi,
  type BaseQueryFn,
  type EndpointDefinition,
  type EndpointDefinitions,
  type Module,
} from 'api-slice'
import { setupStore } from './helpers/setup'

interface Post {
  id: number
  title: string
}
interface User {
  id: number
  name: string
}

declare module 'api-slice' {
  // A module's parts are typed by name, the way `api-slice/react` adds its hooks. Merged
  // declarations must repeat the type parameters, used or not.
  /* eslint-disable @typescript-eslint/no-unused-vars */
  interface ApiModules<
    TBaseQuery extends BaseQueryFn,
    TDefinitions extends EndpointDefinitions,
    TReducerPath extends string,
    TTagTypes extends string,
  > {
    endpointLog: { endpointLog: string[] }
  }
  /* eslint-enable @typescript-eslint/no-unused-vars */
}

const baseQuery = vi.fn(async (arg: { kind: string; id: number }) => ({
  data: arg.kind === 'user' ? { id: arg.id, name: `user ${arg.id}` } : { id: arg.id, title: `${arg.kind} ${arg.id}` },
}))

function makeBaseApi(tagTypes: string[] = []) {
  return createApi({
    baseQuery,
    tagTypes,
    endpoints: (build) => ({
      getPost: build.query<Post, number>({ query: (id) => ({ kind: 'post', id }) }),
    }),
  })
}

afterEach(() => {
  baseQuery.mockClear()
  vi.restoreAllMocks()
})

describe('injectEndpoints', () => {
  it('adds endpoints that work through initiate, select and api.util, and returns the same api', async () => {
    const api = makeBaseApi()
    const store = setupStore(api) // created before the injection, as with a lazily loaded module
    const injected = api.injectEndpoints({
      endpoints: (build) => ({
        getUser: build.query<User, number>({ query: (id) => ({ kind: 'user', id }) }),
        renameUser: build.mutation<User, User>({ query: (user) => ({ kind: 'user', id: user.id }) }),
      }),
    })
    expect(injected).toBe(api)
    expectTypeOf(injected.endpoints.getUser.initiate).parameter(0).toEqualTypeOf<number>()
    expectTypeOf(injected.endpoints.getPost.initiate).parameter(0).toEqualTypeOf<number>()

    const user = await store.dispatch(injected.endpoints.getUser.initiate(3)).unwrap()
    expectTypeOf(user).toEqualTypeOf<User>()
    expect(user).toEqual({ id: 3, name: 'user 3' })
    await expect(
      store.dispatch(injected.endpoints.renameUser.initiate({ id: 3, name: 'x' })).unwrap(),
    ).resolves.toEqual({ id: 3, name: 'user 3' })

    store.dispatch(
      injected.util.updateQueryData('getUser', 3, (draft) => {
        draft.name = 'renamed'
      }),
    )
    expect(injected.endpoints.getUser.select(3)(store.getState()).data).toEqual({ id: 3, name: 'renamed' })
    store.dispatch(injected.util.prefetch('getUser', 4))
    expect(store.dispatch(injected.util.getRunningQueryThunk('getUser', 4))).toBeDefined()
    expect(injected.util.selectCachedArgsForQuery(store.getState(), 'getUser')).toEqual([3, 4])
  })

  it('keeps an existing endpoint by default, with a development warning that names it', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const api = makeBaseApi()
    api.injectEndpoints({
      endpoints: (build) => ({ getPost: build.query<Post, number>({ query: (id) => ({ kind: 'replacement', id }) }) }),
    })

    expect(warn).toHaveBeenCalledTimes(1)
    expect(warn.mock.calls[0]![0]).toMatch(/^\[api-slice\].*'getPost'.*overrideExisting: true/)
    const store = setupStore(api)
    await expect(store.dispatch(api.endpoints.getPost.initiate(1)).unwrap()).resolves.toEqual({
      id: 1,
      title: 'post 1',
    })
  })

  it('replaces an existing endpoint with overrideExisting: true', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const api = makeBaseApi()
    const endpoint = api.endpoints.getPost
    api.injectEndpoints({
      overrideExisting: true,
      endpoints: (build) => ({ getPost: build.query<Post, number>({ query: (id) => ({ kind: 'replacement', id }) }) }),
    })

    expect(warn).not.toHaveBeenCalled()
    expect(api.endpoints.getPost).toBe(endpoint) // references taken before the override stay usable
    const store = setupStore(api)
    await expect(store.dispatch(endpoint.initiate(1)).unwrap()).resolves.toEqual({ id: 1, title: 'replacement 1' })
  })

  it("throws an error naming the endpoint with overrideExisting: 'throw'", () => {
    const api = makeBaseApi()
    expect(() =>
      api.injectEndpoints({
        overrideExisting: 'throw',
        endpoints: (build) => ({ getPost: build.query<Post, number>({ query: (id) => ({ kind: 'other', id }) }) }),
      }),
    ).toThrow(/^\[api-slice\].*'getPost' already exists/)
  })
})

describe('enhanceEndpoints', () => {
  it('adds tag types, so tags of that type no longer warn', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const withUsers = (api: ReturnType<typeof makeBaseApi>) =>
      api.injectEndpoints({
        endpoints: (build) => ({
          getUser: build.query<User, number>({
            query: (id) => ({ kind: 'user', id }),
            providesTags: (_user, _error, id) => [{ type: 'User', id }],
          }),
        }),
      })

    const plain = withUsers(makeBaseApi())
    await setupStore(plain).dispatch(plain.endpoints.getUser.initiate(1))
    expect(warn).toHaveBeenCalledTimes(1)
    expect(warn.mock.calls[0]![0]).toContain("'User'")

    const enhanced = withUsers(makeBaseApi().enhanceEndpoints({ addTagTypes: ['User'] }))
    const store = setupStore(enhanced)
    await store.dispatch(enhanced.endpoints.getUser.initiate(1))
    expect(warn).toHaveBeenCalledTimes(1)
    expect(store.getState().api.provided.keys['getUser(1)']).toEqual([{ type: 'User', id: 1 }])
  })

  it('changes an endpoint with a partial definition, such as added providesTags', async () => {
    const api = makeBaseApi().enhanceEndpoints({
      addTagTypes: ['Post'],
      endpoints: { getPost: { providesTags: (_post, _error, id) => [{ type: 'Post', id }] } },
    })
    const store = setupStore(api)
    await store.dispatch(api.endpoints.getPost.initiate(1))
    expect(store.getState().api.provided.keys['getPost(1)']).toEqual([{ type: 'Post', id: 1 }])

    store.dispatch(api.util.invalidateTags([{ type: 'Post', id: 1 }]))
    await vi.waitFor(() => expect(baseQuery).toHaveBeenCalledTimes(2))
  })

  it('changes an endpoint with a function that mutates its definition', async () => {
    const api = makeBaseApi().enhanceEndpoints({
      endpoints: {
        getPost: (definition) => {
          definition.transformResponse = (post: Post) => ({ ...post, title: post.title.toUpperCase() })
        },
      },
    })
    const store = setupStore(api)
    await expect(store.dispatch(api.endpoints.getPost.initiate(2)).unwrap()).resolves.toEqual({
      id: 2,
      title: 'POST 2',
    })
  })
})

describe('buildCreateApi', () => {
  it('builds a working createApi from coreModule()', async () => {
    const create = buildCreateApi(coreModule())
    const api = create({
      baseQuery,
      reducerPath: 'built',
      endpoints: (build) => ({ getPost: build.query<Post, number>({ query: (id) => ({ kind: 'post', id }) }) }),
    })
    const store = setupStore(api)
    await expect(store.dispatch(api.endpoints.getPost.initiate(1)).unwrap()).resolves.toEqual({
      id: 1,
      title: 'post 1',
    })
    expect(store.getState().built.queries['getPost(1)']).toMatchObject({ status: 'fulfilled' })
  })

  it("calls a custom module's init once and its injectEndpoint for every endpoint, injected ones included", () => {
    const init = vi.fn()
    const endpointLog: Module<'endpointLog'> = {
      name: 'endpointLog',
      init(api, options, context) {
        init(options.reducerPath, context.reducerPath)
        const log: string[] = []
        Object.assign(api, { endpointLog: log })
        return {
          injectEndpoint(endpointName: string, definition: EndpointDefinition) {
            log.push(`${definition.type} ${endpointName}`)
          },
        }
      },
    }
    const create = buildCreateApi(coreModule(), endpointLog)
    const api = create({
      baseQuery,
      reducerPath: 'logged',
      endpoints: (build) => ({ getPost: build.query<Post, number>({ query: (id) => ({ kind: 'post', id }) }) }),
    })
    api.injectEndpoints({
      endpoints: (build) => ({
        addPost: build.mutation<Post, Post>({ query: (post) => ({ kind: 'post', id: post.id }) }),
      }),
    })

    expect(init).toHaveBeenCalledTimes(1)
    expect(init).toHaveBeenCalledWith('logged', 'logged')
    expect(api.endpointLog).toEqual(['query getPost', 'mutation addPost'])
    expect(typeof api.endpoints.getPost.initiate).toBe('function') // the core module still did its part
  })
})
