// `api-slice/react`: the core, plus React hooks (as RTK Query's `/query/react` is).
// The core's values are listed by name, not `export *`: the React `createApi`
// replaces the core's, and a CommonJS build cannot shadow a re-exported name.
// scripts/check-exports.mjs fails the build if this list falls behind the core.
export {
  buildCreateApi,
  coreModule,
  copyWithStructuralSharing,
  defaultSerializeQueryArgs,
  emptyInfiniteQueryFlags,
  fakeBaseQuery,
  fetchBaseQuery,
  NamedSchemaError,
  QueryStatus,
  retry,
  setupListeners,
  skipToken,
} from 'api-slice'
export type * from 'api-slice'
export { createApi } from './createApi'
export { reactHooksModule, type ReactHooksModuleOptions } from './reactHooksModule'
export { ApiProvider, type ApiProviderProps } from './ApiProvider'
export { QueryError } from './useSuspenseQuery'
export type * from './types'
