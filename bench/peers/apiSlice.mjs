// api-slice, imported from the BUILT package (run `npm run build` first).
// Under node it detects the server and starts no cache-removal timers.
import { createApi, fakeBaseQuery } from '../../dist/index.js'
import { createReduxPeer } from './reduxPeer.mjs'

export const apiSlicePeer = createReduxPeer({
  name: 'api-slice',
  createApi,
  fakeBaseQuery,
  iterations: {
    singleQuery: { 0: 300, 1000: 300, 5000: 300 },
    manyQueriesRepeats: 9,
    manyQueriesWarmup: 2,
    upsertEntriesRepeats: 21,
    upsertEntriesWarmup: 5,
    updateQueryDataSamples: 1000,
    updateQueryDataWarmup: 200,
  },
})
