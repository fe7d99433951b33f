// Harness for the end-to-end tests: Debian's Chromium driven by playwright-core
// against the example app (example-next/) served by `next start`.
// scripts/e2e.mjs builds and starts the app and passes its address in E2E_BASE_URL.
import { afterAll, beforeAll, beforeEach } from 'vitest'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Window } from 'happy-dom'
import { chromium } from 'playwright-core'
import type { Browser, BrowserContext, Page, Request } from 'playwright-core'

export const baseUrl = (() => {
  const url = process.env.E2E_BASE_URL
  if (!url) {
    throw new Error(
      '[e2e] E2E_BASE_URL is not set. Run the end-to-end tests with `npm run test:e2e`, which builds ' +
        'example-next, starts it and sets E2E_BASE_URL (or start it yourself and set E2E_BASE_URL=http://127.0.0.1:<port>).',
    )
  }
  return url.replace(/\/$/, '')
})()

export const executablePath = '/usr/bin/chromium'
export const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

/** Bounded waits: generous for a loaded CI machine, short enough to fail fast. */
export const timeouts = { action: 10_000, navigation: 20_000, quiet: 500 }

// ---------------------------------------------------------------------------
// The embedded API, called from Node (no browser)

export interface PostSummary {
  id: number
  title: string
  authorId: number
}
export interface Post {
  id: number
  title: string
  body: string
  author: { id: number; name: string }
  comments: { id: number; text: string }[]
}

async function api(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${baseUrl}/api${path}`, {
    method,
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeouts.navigation),
  })
}

async function apiJson<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await api(method, path, body)
  if (!response.ok) throw new Error(`[e2e] ${method} /api${path} answered ${response.status}: ${await response.text()}`)
  return (await response.json()) as T
}

/** Puts the embedded API's data back to its seed (POST /api/reset). */
export async function resetData(): Promise<void> {
  await apiJson('POST', '/reset')
}

export const getPosts = () => apiJson<PostSummary[]>('GET', '/posts')
export const getPost = (id: number) => apiJson<Post>('GET', `/posts/${id}`)
export const editPostTitle = (id: number, title: string) => apiJson<Post>('PATCH', `/posts/${id}`, { title })

// ---------------------------------------------------------------------------
// Server HTML, as a client without JavaScript gets it

export interface ServerHtml {
  status: number
  html: string
  /** textContent of the first element with this data-testid, or null when there is none. */
  text(testId: string): string | null
  has(testId: string): boolean
}

/** GETs a page with Node's fetch and parses its HTML without running any script. */
export async function fetchServerHtml(path: string): Promise<ServerHtml> {
  const response = await fetch(`${baseUrl}${path}`, { signal: AbortSignal.timeout(timeouts.navigation) })
  const html = await response.text()
  const window = new Window()
  try {
    const document = new window.DOMParser().parseFromString(html, 'text/html')
    const texts = new Map<string, string | null>()
    for (const element of document.querySelectorAll('[data-testid]')) {
      const testId = element.getAttribute('data-testid')!
      if (!texts.has(testId)) texts.set(testId, element.textContent)
    }
    return {
      status: response.status,
      html,
      text: (testId) => texts.get(testId) ?? null,
      has: (testId) => texts.has(testId),
    }
  } finally {
    await window.happyDOM.close()
  }
}

// ---------------------------------------------------------------------------
// The browser

export interface E2EBrowser {
  /** A fresh browser context (no cookies, storage or cache from other tests) with one recorded page. */
  open(): Promise<Session>
  close(): Promise<void>
}

/** One Chromium per test file, with its own temporary profile (--user-data-dir). */
export async function launchBrowser(): Promise<E2EBrowser> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'api-slice-e2e-'))
  // playwright-core refuses --user-data-dir in `args`; launchPersistentContext passes it.
  const persistent = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: chromiumFlags,
    timeout: 30_000,
  })
  const browser = persistent.browser() as Browser
  const sessions = new Set<Session>()
  return {
    async open() {
      const session = await openSession(await browser.newContext())
      sessions.add(session)
      return session
    },
    async close() {
      for (const session of sessions) await session.close()
      await persistent.close()
      await rm(userDataDir, { recursive: true, force: true })
    },
  }
}

export interface Session {
  page: Page
  context: BrowserContext
  /** Every request the page made to the embedded API (/api/*), as `METHOD pathname`, in order. */
  apiRequests: string[]
  /** Console errors and warnings, uncaught page errors; see `isNetworkNoise` for the only ones left out. */
  problems: string[]
  /** Console messages left out of `problems`, to report what was ignored. */
  ignored: string[]
  /** Also leave out the browser's "Failed to load resource" line for these API paths (expected errors). */
  expectFailedRequests(...paths: string[]): void
  /** Navigates and waits until React hydrated the element with this data-testid and the network is quiet. */
  visit(path: string, testId: string): Promise<void>
  /** Waits until no /api request is in flight and no request started or ended for `quietMs`. */
  waitForQuiet(quietMs?: number): Promise<void>
  /** Sets a variable on window; a full page load loses it, a client-side navigation keeps it. */
  markWindow(): Promise<void>
  windowMarked(): Promise<boolean>
  close(): Promise<void>
}

const byTestId = (testId: string) => `[data-testid="${testId}"]`

async function openSession(context: BrowserContext): Promise<Session> {
  context.setDefaultTimeout(timeouts.action)
  context.setDefaultNavigationTimeout(timeouts.navigation)
  const page = await context.newPage()
  const apiRequests: string[] = []
  const problems: string[] = []
  const ignored: string[] = []
  const expectedFailures = new Set<string>()
  const inFlight = new Set<Request>()
  let lastActivity = Date.now()

  // Quiet means: no /api request in flight and no request started or ended for a
  // while. Other requests are not waited for: Chromium reports no end for some
  // of Next's (its HEAD check of stale ISR data, a data request it answers from
  // its prefetch cache).
  page.on('request', (request) => {
    lastActivity = Date.now()
    const url = new URL(request.url())
    if (url.origin === baseUrl && url.pathname.startsWith('/api/')) {
      apiRequests.push(`${request.method()} ${url.pathname}`)
      inFlight.add(request)
    }
  })
  const settled = (request: Request) => {
    inFlight.delete(request)
    lastActivity = Date.now()
  }
  page.on('requestfinished', settled)
  page.on('requestfailed', settled)

  page.on('console', (message) => {
    const type = message.type()
    if (type !== 'error' && type !== 'warning') return
    const line = `console.${type}: ${message.text()} (${message.location().url || 'no location'})`
    if (isNetworkNoise(message.text(), message.location().url, expectedFailures)) ignored.push(line)
    else problems.push(line)
  })
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.stack ?? error.message}`))

  const session: Session = {
    page,
    context,
    apiRequests,
    problems,
    ignored,
    expectFailedRequests: (...paths) => paths.forEach((path) => expectedFailures.add(path)),
    async visit(path, testId) {
      await page.goto(`${baseUrl}${path}`, { waitUntil: 'load' })
      await waitForHydration(page, testId)
      await session.waitForQuiet()
    },
    async waitForQuiet(quietMs = timeouts.quiet) {
      await expectEventually(
        () => inFlight.size === 0 && Date.now() - lastActivity >= quietMs,
        () => `the network to be quiet; in flight: ${[...inFlight].map((r) => `${r.method()} ${r.url()}`).join(', ')}`,
      )
    },
    async markWindow() {
      await page.evaluate(() => {
        ;(window as unknown as { __e2eMarker?: string }).__e2eMarker = 'same document'
      })
    },
    async windowMarked() {
      return page.evaluate(() => (window as unknown as { __e2eMarker?: string }).__e2eMarker === 'same document')
    },
    async close() {
      await context.close().catch(() => {})
    },
  }
  return session
}

/**
 * The only console lines not counted as problems: the browser's own
 * "Failed to load resource" report for /favicon.ico (the example ships no icon;
 * Chromium asks for one on every page) and for API paths a test expects to fail.
 */
function isNetworkNoise(text: string, url: string, expectedFailures: Set<string>): boolean {
  if (!text.startsWith('Failed to load resource')) return false
  let pathname: string
  try {
    pathname = new URL(url).pathname
  } catch {
    return false
  }
  return pathname === '/favicon.ico' || expectedFailures.has(pathname)
}

/** Waits until React has hydrated (or rendered) the element: React puts its fiber on DOM nodes it owns. */
export async function waitForHydration(page: Page, testId: string): Promise<void> {
  await page.waitForFunction(
    (selector) => {
      const element = document.querySelector(selector)
      return !!element && Object.keys(element).some((key) => key.startsWith('__reactFiber$'))
    },
    byTestId(testId),
    { timeout: timeouts.navigation, polling: 50 },
  )
}

export function testId(page: Page, id: string) {
  return page.locator(byTestId(id))
}

async function expectEventually(condition: () => boolean, what: () => string, timeout = timeouts.navigation) {
  const deadline = Date.now() + timeout
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`[e2e] timed out after ${timeout} ms waiting for ${what()}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

/**
 * One browser for the calling test file: launched before its tests, closed
 * after them, with the app's data reset before each test. Returns a getter,
 * since the browser exists only once `beforeAll` has run.
 */
export function useBrowser(): () => E2EBrowser {
  let browser: E2EBrowser | undefined
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })
  beforeEach(resetData)
  return () => {
    if (!browser) throw new Error('[e2e] the browser is not launched yet: call it inside a test')
    return browser
  }
}
