// What api-slice adds to an app's bundle, next to what RTK Query adds, measured the way an app ships:
// each entry is bundled with esbuild (minified, production, for the browser), then gzipped at level 9.
//
//   npx tsup && node bench/bundleSize.mjs           (or: npm run bench:size, after a build)
//   node bench/bundleSize.mjs --files               also list the largest src/ files in the api-slice bundles
//
// api-slice is resolved through its package exports, so the BUILT files (dist/) are measured: build first.
import { build } from 'esbuild'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const root = fileURLToPath(new URL('..', import.meta.url))
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const listFiles = process.argv.includes('--files')

const built = join(root, 'dist/react/index.js')
if (!existsSync(built)) {
  console.error('dist/ is missing: build first with `npx tsup` (or `npm run build`).')
  process.exit(1)
}
const newestSource = Math.max(
  ...readdirSync(join(root, 'src'), { recursive: true }).map((file) => statSync(join(root, 'src', file)).mtimeMs),
)
if (newestSource > statSync(built).mtimeMs) {
  console.warn('Warning: src/ changed after the last build, so dist/ is stale. Run `npx tsup` first.\n')
}

// The RTK baseline every entry starts from: a store with one slice, as an app without RTK Query has.
const baseline = `
import { configureStore, createSlice } from '@reduxjs/toolkit'
const counter = createSlice({
  name: 'counter',
  initialState: { value: 0 },
  reducers: { increment: (state) => { state.value += 1 } },
})
`
const baselineStore = `
export const store = configureStore({ reducer: { counter: counter.reducer } })
store.dispatch(counter.actions.increment())
`
// One query endpoint, with the store set up as the docs say.
const withApi = (from) => `
${baseline}
import { createApi, fetchBaseQuery } from '${from}'
export const api = createApi({
  baseQuery: fetchBaseQuery({ baseUrl: '/api' }),
  endpoints: (build) => ({ getPost: build.query({ query: (id) => 'posts/' + id }) }),
})
export const store = configureStore({
  reducer: { counter: counter.reducer, [api.reducerPath]: api.reducer },
  middleware: (getDefaultMiddleware) => getDefaultMiddleware().concat(api.middleware),
})
store.dispatch(counter.actions.increment())
`
// The core is used through initiate; the React entry through a generated hook in a component.
const coreUse = `store.dispatch(api.endpoints.getPost.initiate(1))\n`
const hookUse = `
export function PostTitle({ id }) {
  const { data, isLoading } = api.useGetPostQuery(id)
  return isLoading ? 'Loading' : data && data.title
}
`

const entries = {
  baseline: baseline + baselineStore,
  rtkCore: withApi('@reduxjs/toolkit/query') + coreUse,
  apiSliceCore: withApi('api-slice') + coreUse,
  rtkReact: withApi('@reduxjs/toolkit/query/react') + hookUse,
  apiSliceReact: withApi('api-slice/react') + hookUse,
}

// `api-slice` and `api-slice/react` resolve as an installed package would: through the package's exports
// (Node's self-reference from inside the package), to dist/. `sideEffects` is taken from package.json, as
// esbuild does for packages it finds in node_modules.
const apiSliceFromExports = {
  name: 'api-slice-from-exports',
  setup(buildApi) {
    buildApi.onResolve({ filter: /^api-slice(\/.*)?$/ }, (args) => ({
      path: fileURLToPath(import.meta.resolve(args.path)),
      sideEffects: pkg.sideEffects === false ? false : undefined,
    }))
  },
}

const dir = mkdtempSync(join(tmpdir(), 'api-slice-bundle-size-'))
const results = {}
try {
  for (const [name, source] of Object.entries(entries)) {
    const entry = join(dir, `${name}.js`)
    writeFileSync(entry, source)
    const out = await build({
      entryPoints: [entry],
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      define: { 'process.env.NODE_ENV': '"production"' },
      external: ['react', 'react-dom', 'react-redux', 'react/jsx-runtime'],
      nodePaths: [join(root, 'node_modules')],
      plugins: [apiSliceFromExports],
      write: false,
      logLevel: 'error',
    })
    const code = out.outputFiles[0].contents
    results[name] = { minified: code.length, gzip: gzipSync(code, { level: 9 }).length }
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}

const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`
const added = (name) => results[name].gzip - results.baseline.gzip
const ratio = (ours, theirs) => `${(added(ours) / added(theirs)).toFixed(2)}× RTK Query's`
const rows = [
  ['RTK core: configureStore + createSlice', 'baseline', ''],
  ['RTK core + RTK Query (@reduxjs/toolkit/query)', 'rtkCore', ''],
  ['RTK core + api-slice', 'apiSliceCore', ratio('apiSliceCore', 'rtkCore')],
  ['RTK core + RTK Query React (@reduxjs/toolkit/query/react)', 'rtkReact', ''],
  ['RTK core + api-slice/react', 'apiSliceReact', ratio('apiSliceReact', 'rtkReact')],
]
const table = [
  ['Bundle', 'Minified', 'Gzip -9 (bytes)', 'Added over RTK core', 'Ratio'],
  ...rows.map(([label, name, note]) => [
    label,
    kB(results[name].minified),
    String(results[name].gzip),
    name === 'baseline' ? '' : `+${kB(added(name))}`,
    note,
  ]),
]
const { version } = await import('esbuild')
console.log(
  `Bundle size (esbuild ${version}: bundle, minify, esm, browser, NODE_ENV=production; gzip level 9; kB = 1,000 bytes)`,
)
console.log('react, react-dom and react-redux are external: an app ships them whichever library it uses.\n')
const widths = table[0].map((_, column) => Math.max(...table.map((row) => row[column].length)))
for (const row of table)
  console.log(
    row
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd(),
  )
console.log(
  `\nThe hooks alone (React bundle minus core bundle, gzip): RTK Query +${kB(results.rtkReact.gzip - results.rtkCore.gzip)}, ` +
    `api-slice +${kB(results.apiSliceReact.gzip - results.apiSliceCore.gzip)}.`,
)

if (listFiles) {
  // dist/ is one file per entry, so this breakdown bundles the same entries from src/ instead (same options).
  const fromSource = {
    name: 'api-slice-from-source',
    setup(buildApi) {
      buildApi.onResolve({ filter: /^api-slice(\/react)?$/ }, (args) => ({
        path: join(root, args.path === 'api-slice' ? 'src/index.ts' : 'src/react/index.ts'),
        sideEffects: pkg.sideEffects === false ? false : undefined,
      }))
    },
  }
  for (const [name, folder] of [
    ['apiSliceCore', 'src/core/'],
    ['apiSliceReact', 'src/react/'],
  ]) {
    const out = await build({
      stdin: { contents: entries[name], resolveDir: root, sourcefile: `${name}.js` },
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      jsx: 'automatic',
      define: { 'process.env.NODE_ENV': '"production"' },
      external: ['react', 'react-dom', 'react-redux', 'react/jsx-runtime'],
      absWorkingDir: root,
      plugins: [fromSource],
      write: false,
      metafile: true,
      logLevel: 'error',
    })
    const [output] = Object.values(out.metafile.outputs)
    const inputs = Object.entries(output.inputs)
      .filter(([file]) => file.startsWith(folder))
      .sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)
    const total = inputs.reduce((sum, [, input]) => sum + input.bytesInOutput, 0)
    console.log(
      `\n${name} built from src/: ${kB(total)} minified from ${folder}, largest files (minified bytes, before gzip):`,
    )
    for (const [file, { bytesInOutput }] of inputs.slice(0, 15))
      console.log(`  ${String(bytesInOutput).padStart(6)}  ${file}`)
  }
}
