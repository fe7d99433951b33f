import { buildCreateApi } from './buildCreateApi'
import { coreModule } from './coreModule'

/**
 * Creates an api: a reducer, a middleware, and for each endpoint an
 * `initiate` thunk, a memoized `select` and action matchers.
 *
 * @example
 * const api = createApi({
 *   baseQuery: fetchBaseQuery({ baseUrl: '/api' }),
 *   tagTypes: ['Post'],
 *   endpoints: (build) => ({
 *     getPost: build.query<Post, number>({ query: (id) => `posts/${id}`, providesTags: (r, e, id) => [{ type: 'Post', id }] }),
 *     editPost: build.mutation<Post, Post>({
 *       query: (post) => ({ url: `posts/${post.id}`, method: 'PUT', body: post }),
 *       invalidatesTags: (r, e, post) => [{ type: 'Post', id: post.id }],
 *     }),
 *   }),
 * })
 * const store = configureStore({
 *   reducer: { [api.reducerPath]: api.reducer },
 *   middleware: (gDM) => gDM().concat(api.middleware),
 * })
 * const post = await store.dispatch(api.endpoints.getPost.initiate(1)).unwrap()
 */
export const createApi = /* @__PURE__ */ buildCreateApi(coreModule())
