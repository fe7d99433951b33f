import { createServer } from 'node:http'

import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/** What the server saw of one request, so tests can assert on the wire format. */
export interface SeenRequest {
  method: string
  url: string
  headers: IncomingHttpHeaders
  body: string
}

export type Route = (request: SeenRequest, response: ServerResponse) => void

/** A route that answers with `body` as JSON. */
export function jsonRoute(body: unknown, status = 200, contentType = 'application/json'): Route {
  return (_, response) => response.writeHead(status, { 'content-type': contentType }).end(JSON.stringify(body))
}

export interface TestServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  origin: string
  /** Requests in arrival order. */
  seen: SeenRequest[]
  /** Stops listening and destroys every socket, including those of routes that never answer. */
  close: () => Promise<void>
}

function readAll(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}

/** A real HTTP server on 127.0.0.1 and a random port; routes match the path without the query string. */
export async function startTestServer(routes: Record<string, Route>): Promise<TestServer> {
  const seen: SeenRequest[] = []
  const sockets = new Set<Socket>()

  const server = createServer(async (request, response) => {
    const entry: SeenRequest = {
      method: request.method ?? '',
      url: request.url ?? '',
      headers: request.headers,
      body: await readAll(request),
    }
    seen.push(entry)
    const route = routes[entry.url.split('?')[0] ?? '']
    if (route) return route(entry, response)
    response.writeHead(500, { 'content-type': 'text/plain' }).end(`no route for ${entry.url}`)
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    origin: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Keep-alive and hanging sockets would otherwise hold `close` open forever.
        for (const socket of sockets) socket.destroy()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}

/** A port that was free a moment ago and has nothing listening, for connection-refused tests. */
export async function findClosedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}
