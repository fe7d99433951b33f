import { Window } from 'happy-dom'
import { deserializeState, serializeState } from 'api-slice/next'
import { afterEach, describe, expect, it } from 'vitest'

const hostile = {
  title: '</script><script>alert(1)</script>',
  comment: '<!-- <script>',
  separators: 'line\u2028paragraph\u2029end',
  query: 'a=1&b=<2>&amp;',
  nested: [{ html: '<img src=x onerror=alert(1)>' }, 'ünïcødé ✓ \u{1F600}', null, 0, false],
}

const windows: Window[] = []
afterEach(async () => {
  for (const window of windows.splice(0)) await window.happyDOM.close()
})

/** A server-rendered page that embeds the state the usual way, followed by markup and another script. */
function page(stateText: string): string {
  return (
    '<!doctype html><html><head>' +
    `<script id="state" type="application/json">${stateText}</script>` +
    '<script id="app">window.started = true</script>' +
    '</head><body><p id="after">rendered after the state</p></body></html>'
  )
}

function parse(html: string) {
  const window = new Window()
  windows.push(window)
  return new window.DOMParser().parseFromString(html, 'text/html')
}

describe('serializeState', () => {
  it('escapes <, >, &, U+2028 and U+2029', () => {
    const text = serializeState(hostile)

    for (const character of ['<', '>', '&', '\u2028', '\u2029']) expect(text).not.toContain(character)
    expect(text).toContain('\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e')
    expect(text).toContain('\\u003c!--')
    expect(text).toContain('line\\u2028paragraph\\u2029end')
    expect(text).toContain('a=1\\u0026b=\\u003c2\\u003e\\u0026amp;')
  })

  it('reads back unchanged with deserializeState and with JSON.parse', () => {
    expect(deserializeState(serializeState(hostile))).toEqual(hostile)
    expect(JSON.parse(serializeState(hostile))).toEqual(hostile)
    const state = { api: { queries: { 'getPost(1)': { status: 'fulfilled', data: hostile } } }, n: [1.5, -0, 1e21] }
    expect(deserializeState(serializeState(state))).toEqual(JSON.parse(JSON.stringify(state)))
  })

  it('throws for a value that has no JSON form', () => {
    expect(() => serializeState(undefined)).toThrow(/\[api-slice\] serializeState/)
  })
})

describe('embedding serialized state in an HTML page', () => {
  it('does not close the script element early: the page keeps its structure and the state reads back', () => {
    const document = parse(page(serializeState(hostile)))

    expect([...document.querySelectorAll('script')].map((script) => script.id)).toEqual(['state', 'app'])
    expect(document.getElementById('after')?.textContent).toBe('rendered after the state')
    expect(deserializeState(document.getElementById('state')!.textContent!)).toEqual(hostile)
  })

  it('keeps the whole state inside the script text, up to the one closing tag', () => {
    const text = serializeState(hostile)
    const html = page(text)
    const match = /<script id="state" type="application\/json">([\s\S]*?)<\/script/i.exec(html)

    expect(match?.[1]).toBe(text)
    expect(match?.[1]).not.toMatch(/<!--|<script/i)
  })

  it('is needed: plain JSON.stringify lets the hostile title close the script and run its own', () => {
    const document = parse(page(JSON.stringify(hostile)))

    const scripts = [...document.querySelectorAll('script')]
    expect(scripts.map((script) => script.textContent)).toContain('alert(1)')
    expect(() => JSON.parse(document.getElementById('state')!.textContent!)).toThrow()
  })
})
