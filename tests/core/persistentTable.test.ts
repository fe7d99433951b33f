import { describe, expect, it } from 'vitest'
import { PersistentTable } from '../../src/core/persistentTable'

/** mulberry32: a tiny seeded PRNG, so the randomized test replays the same operations every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function tableOf(entries: [string, number][]): PersistentTable<number> {
  let table = PersistentTable.empty<number>()
  for (const [key, value] of entries) table = table.set(key, value)
  return table
}

describe('PersistentTable basics', () => {
  it('starts empty', () => {
    const table = PersistentTable.empty<number>()
    expect(table.size).toBe(0)
    expect(table.get('a')).toBeUndefined()
    expect(table.has('a')).toBe(false)
    expect(table.keys()).toEqual([])
    expect(table.toObject()).toEqual({})
  })

  it('sets, gets, checks and deletes keys, tracking the size', () => {
    const one = PersistentTable.empty<string>().set('getPost(1)', 'first')
    expect(one.get('getPost(1)')).toBe('first')
    expect(one.has('getPost(1)')).toBe(true)
    expect(one.size).toBe(1)

    const two = one.set('getPost(2)', 'second')
    expect(two.size).toBe(2)
    expect(two.get('getPost(2)')).toBe('second')

    const replaced = two.set('getPost(1)', 'again')
    expect(replaced.size).toBe(2)
    expect(replaced.get('getPost(1)')).toBe('again')

    const removed = replaced.delete('getPost(1)')
    expect(removed.size).toBe(1)
    expect(removed.has('getPost(1)')).toBe(false)
    expect(removed.get('getPost(1)')).toBeUndefined()
    expect(removed.get('getPost(2)')).toBe('second')
  })

  it('stores falsy values and tells them apart from missing keys', () => {
    const table = tableOf([
      ['zero', 0],
      ['nan', Number.NaN],
    ]).set('undefined', undefined as unknown as number)
    expect(table.has('zero')).toBe(true)
    expect(table.get('zero')).toBe(0)
    expect(table.has('undefined')).toBe(true)
    expect(table.size).toBe(3)
    expect(table.has('missing')).toBe(false)
  })

  it('does not answer for keys inherited from Object.prototype', () => {
    const table = tableOf([['a', 1]])
    expect(table.has('toString')).toBe(false)
    expect(table.get('constructor')).toBeUndefined()
    expect(table.has('__proto__')).toBe(false)
  })

  it('returns the same table for a set of an identical value', () => {
    const value = { id: 1 }
    const table = PersistentTable.empty<object>().set('a', value)
    expect(table.set('a', value)).toBe(table)
    expect(table.set('a', { id: 1 })).not.toBe(table)
  })

  it('returns the same table when deleting an absent key', () => {
    const empty = PersistentTable.empty<number>()
    expect(empty.delete('a')).toBe(empty)
    const table = tableOf([
      ['a', 1],
      ['b', 2],
    ])
    expect(table.delete('c')).toBe(table)
    expect(table.delete('a').delete('a').size).toBe(1)
  })

  it('builds a table from a plain object with fromObject', () => {
    const table = PersistentTable.fromObject({ b: 2, a: 1 })
    expect(table.size).toBe(2)
    expect(table.get('a')).toBe(1)
    expect(table.keys()).toEqual(['b', 'a'])
  })
})

describe('PersistentTable persistence', () => {
  it('leaves older versions unchanged after sets and deletes', () => {
    const v1 = tableOf([
      ['a', 1],
      ['b', 2],
    ])
    const v2 = v1.set('c', 3)
    const v3 = v2.set('a', 10)
    const v4 = v3.delete('b')

    expect(v1.toObject()).toEqual({ a: 1, b: 2 })
    expect(v1.size).toBe(2)
    expect(v1.has('c')).toBe(false)
    expect(v2.toObject()).toEqual({ a: 1, b: 2, c: 3 })
    expect(v3.get('a')).toBe(10)
    expect(v3.get('b')).toBe(2)
    expect(v4.toObject()).toEqual({ a: 10, c: 3 })
    expect(v2.get('a')).toBe(1)
  })

  it('keeps an older version readable after thousands of writes to newer ones', () => {
    const base = tableOf(Array.from({ length: 100 }, (_, i) => [`key${i}`, i] as [string, number]))
    let table = base
    for (let i = 0; i < 3000; i++) table = i % 3 === 2 ? table.delete(`key${i % 150}`) : table.set(`key${i % 150}`, -i)
    expect(base.size).toBe(100)
    for (let i = 0; i < 100; i++) expect(base.get(`key${i}`)).toBe(i)
    expect(base.has('key120')).toBe(false)
  })
})

describe('PersistentTable order', () => {
  it('lists keys in first-insertion order, like a plain object with string keys', () => {
    const table = tableOf([
      ['zeta', 1],
      ['alpha', 2],
      ['mid', 3],
    ]).set('alpha', 20)
    expect(table.keys()).toEqual(['zeta', 'alpha', 'mid'])
    expect(table.values()).toEqual([1, 20, 3])
    expect(Object.keys(table.toObject())).toEqual(['zeta', 'alpha', 'mid'])
    const visited: string[] = []
    table.forEach((value, key) => visited.push(`${key}=${value}`))
    expect(visited).toEqual(['zeta=1', 'alpha=20', 'mid=3'])
  })

  it('puts a deleted and re-added key at the end', () => {
    const table = tableOf([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ])
      .delete('a')
      .set('a', 4)
    expect(table.keys()).toEqual(['b', 'c', 'a'])
  })

  it('keeps insertion order across many inserts and deletes (keys that share buckets included)', () => {
    // 10,000 keys in 4,096 slots: many keys share a bucket.
    let table = PersistentTable.empty<number>()
    const expected: string[] = []
    for (let i = 0; i < 10_000; i++) {
      table = table.set(`getPost(${i})`, i)
      expected.push(`getPost(${i})`)
    }
    for (let i = 0; i < 10_000; i += 3) table = table.delete(`getPost(${i})`)
    for (let i = 0; i < 10_000; i += 9) table = table.set(`getPost(${i})`, -i)
    const remaining = expected.filter((_, i) => i % 3 !== 0)
    const readded = expected.filter((_, i) => i % 9 === 0)
    expect(table.keys()).toEqual([...remaining, ...readded])
    expect(Object.keys(table.toObject())).toEqual([...remaining, ...readded])
    expect(table.size).toBe(remaining.length + readded.length)
  })
})

describe('PersistentTable.toObject', () => {
  it('returns a frozen plain object', () => {
    const snapshot = tableOf([['a', 1]]).toObject()
    expect(Object.isFrozen(snapshot)).toBe(true)
    expect(Object.getPrototypeOf(snapshot)).toBe(Object.prototype)
    expect(() => {
      ;(snapshot as Record<string, number>).a = 2
    }).toThrow(TypeError)
  })

  it('returns the same object on every call for one version, and a new one for a changed version', () => {
    const table = tableOf([['a', 1]])
    const first = table.toObject()
    expect(table.toObject()).toBe(first)
    const next = table.set('b', 2)
    expect(next.toObject()).not.toBe(first)
    expect(first).toEqual({ a: 1 })
  })

  it('stores a `__proto__` key as an own property without touching any prototype', () => {
    const table = tableOf([
      ['__proto__', 1],
      ['b', 2],
    ])
    expect(table.get('__proto__')).toBe(1)
    expect(table.has('__proto__')).toBe(true)
    const snapshot = table.toObject()
    expect(Object.getPrototypeOf(snapshot)).toBe(Object.prototype)
    expect(Object.prototype.hasOwnProperty.call(snapshot, '__proto__')).toBe(true)
    expect(Object.getOwnPropertyDescriptor(snapshot, '__proto__')?.value).toBe(1)
    expect(Object.keys(snapshot)).toEqual(['__proto__', 'b'])
    expect(({} as Record<string, unknown>).b).toBeUndefined()
  })
})

describe('PersistentTable against a Map model', () => {
  it('agrees with a Map over 5,000 seeded random operations, and every saved version stays intact', () => {
    const random = seededRandom(20240601)
    const pool = [
      ...Array.from({ length: 300 }, (_, i) => `getPost(${i})`),
      '',
      'constructor',
      'hasOwnProperty',
      'toString',
    ]
    const model = new Map<string, number>()
    let table = PersistentTable.empty<number>()
    const saved: { table: PersistentTable<number>; entries: [string, number][] }[] = []

    for (let step = 0; step < 5000; step++) {
      const key = pool[Math.floor(random() * pool.length)] as string
      const roll = random()
      if (roll < 0.55) {
        const value = Math.floor(random() * 1000)
        table = table.set(key, value)
        model.set(key, value)
      } else if (roll < 0.65 && model.has(key)) {
        const before = table
        table = table.set(key, model.get(key) as number)
        expect(table).toBe(before)
      } else {
        const before = table
        table = table.delete(key)
        if (!model.has(key)) expect(table).toBe(before)
        model.delete(key)
      }

      expect(table.size).toBe(model.size)
      expect(table.has(key)).toBe(model.has(key))
      expect(table.get(key)).toBe(model.get(key))
      if (step % 50 === 0) {
        expect(table.keys()).toEqual([...model.keys()])
        expect(table.values()).toEqual([...model.values()])
      }
      if (step % 500 === 0) saved.push({ table, entries: [...model.entries()] })
    }

    expect(table.keys()).toEqual([...model.keys()])
    for (const [key, value] of model) expect(table.get(key)).toBe(value)
    for (const version of saved) {
      expect(version.table.keys()).toEqual(version.entries.map(([key]) => key))
      expect(Object.entries(version.table.toObject())).toEqual(version.entries)
    }
  })
})
