// @vitest-environment happy-dom
import { act } from '@testing-library/react'
import { Suspense } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { renderToString } from 'react-dom/server'
import { Provider } from 'react-redux'
import { createApi, fakeBaseQuery } from 'api-slice/react'
import { setupStore } from '../core/helpers/setup'
import { expect, test, vi } from 'vitest'

test('probe', async () => {
  const make = (isServer: boolean) => createApi({ isServer, baseQuery: fakeBaseQuery(), endpoints: (b) => ({
    getPost: b.query<{ id: number; title: string }, number>({ queryFn: async (id) => ({ data: { id, title: 'T' + id } }) }) }) })
  const server = make(true)
  const Post = ({ api }: { api: typeof server }) => { const { data } = api.useGetPostSuspenseQuery(1); return <h1>{data.title}</h1> }
  const html = renderToString(<Provider store={setupStore(server)}><Suspense fallback={<p>loading</p>}><Post api={server} /></Suspense></Provider>)
  const client = make(false)
  const container = document.createElement('div')
  container.innerHTML = html
  document.body.appendChild(container)
  const errs = vi.spyOn(console, 'error').mockImplementation(() => {})
  const recoverable: unknown[] = []
  await act(async () => { hydrateRoot(container, <Provider store={setupStore(client)}><Suspense fallback={<p>loading</p>}><Post api={client} /></Suspense></Provider>, { onRecoverableError: (e) => recoverable.push(String((e as Error).message).slice(0, 120)) }) })
  await act(async () => { await new Promise((r) => setTimeout(r, 20)) })
  console.log('html now', container.innerHTML, 'recoverable', recoverable, 'console.error', errs.mock.calls.map((c) => String(c[0]).slice(0, 100)))
  expect(container.innerHTML).toContain('T1')
})
