import { buildCreateApi, coreModule } from 'api-slice'
import { reactHooksModule } from './reactHooksModule'

/**
 * `createApi` with React hooks: everything the core `createApi` makes, plus
 * a `use{Name}Query`, `useLazy{Name}Query`, `use{Name}SuspenseQuery` or
 * `use{Name}Mutation` hook per endpoint.
 *
 * @example
 * const api = createApi({
 *   baseQuery: fetchBaseQuery({ baseUrl: '/api' }),
 *   endpoints: (build) => ({ getPost: build.query<Post, number>({ query: (id) => `posts/${id}` }) }),
 * })
 * function PostTitle({ id }: { id: number }) {
 *   const { data, isLoading } = api.useGetPostQuery(id)
 *   return isLoading ? <Spinner /> : <h1>{data?.title}</h1>
 * }
 */
export const createApi = /* @__PURE__ */ buildCreateApi(coreModule(), reactHooksModule())
