/**
 * A persistent (immutable) string-keyed table.
 *
 * Why this exists: Redux needs a new object for every state change, and the
 * obvious way to get one (`{ ...queries, [key]: entry }`) copies the whole
 * table. With thousands of cache entries that copy costs hundreds of
 * microseconds on every action (see docs/performance.md). This table is a
 * fixed two-level trie of 32 × 32 slots with small buckets at the leaves, so a
 * write copies two 64-slot arrays and one bucket, whatever the table's size.
 *
 * Entries remember the order they were first inserted in, so the plain-object
 * snapshot (`toObject`) lists keys in the same order a plain object would.
 *
 * @internal
 */

const SLOT_BITS = 5
const WIDTH = 1 << SLOT_BITS
const MASK = WIDTH - 1

interface Slot<V> {
  readonly key: string
  readonly value: V
  readonly order: number
}

type Bucket<V> = readonly Slot<V>[]
type Branch<V> = readonly (Bucket<V> | undefined)[]
type Root<V> = readonly (Branch<V> | undefined)[]

/** FNV-1a: fast, and spreads short similar keys such as `getPost(1)`, `getPost(2)` well. */
function hashKey(key: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

function withSlot<T>(array: readonly T[] | undefined, index: number, value: T): T[] {
  const copy = array ? array.slice() : new Array<T>(WIDTH)
  copy[index] = value
  return copy
}

export class PersistentTable<V> {
  static empty<V>(): PersistentTable<V> {
    return new PersistentTable<V>([], 0, 0)
  }

  static fromObject<V>(record: Readonly<Record<string, V>>): PersistentTable<V> {
    return PersistentTable.empty<V>().setMany(Object.keys(record).map((key) => [key, record[key] as V] as const))
  }

  readonly size: number
  readonly #root: Root<V>
  readonly #nextOrder: number
  #snapshot: Readonly<Record<string, V>> | undefined

  private constructor(root: Root<V>, size: number, nextOrder: number) {
    this.#root = root
    this.size = size
    this.#nextOrder = nextOrder
  }

  get(key: string): V | undefined {
    const hash = hashKey(key)
    const bucket = this.#root[hash & MASK]?.[(hash >>> SLOT_BITS) & MASK]
    if (!bucket) return undefined
    for (const slot of bucket) if (slot.key === key) return slot.value
    return undefined
  }

  has(key: string): boolean {
    const hash = hashKey(key)
    const bucket = this.#root[hash & MASK]?.[(hash >>> SLOT_BITS) & MASK]
    return bucket ? bucket.some((slot) => slot.key === key) : false
  }

  /** Returns a table with `key` set; returns `this` when the value is already identical. */
  set(key: string, value: V): PersistentTable<V> {
    const hash = hashKey(key)
    const outer = hash & MASK
    const inner = (hash >>> SLOT_BITS) & MASK
    const branch = this.#root[outer]
    const bucket = branch?.[inner] ?? []
    const index = bucket.findIndex((slot) => slot.key === key)
    let nextBucket: Slot<V>[]
    let size = this.size
    let nextOrder = this.#nextOrder
    if (index >= 0) {
      const existing = bucket[index] as Slot<V>
      if (existing.value === value) return this
      nextBucket = bucket.slice()
      nextBucket[index] = { key, value, order: existing.order }
    } else {
      nextBucket = [...bucket, { key, value, order: nextOrder++ }]
      size++
    }
    const root = withSlot(this.#root, outer, withSlot(branch, inner, nextBucket))
    return new PersistentTable(root, size, nextOrder)
  }

  /**
   * Sets many keys at once. Each touched node is copied once for the whole
   * batch (not once per key), so a bulk write allocates about as much as the
   * nodes it touches.
   */
  setMany(entries: Iterable<readonly [string, V]>): PersistentTable<V> {
    let root: (Branch<V> | undefined)[] | undefined
    const copied = new Set<unknown>()
    let size = this.size
    let nextOrder = this.#nextOrder
    for (const [key, value] of entries) {
      const hash = hashKey(key)
      const outer = hash & MASK
      const inner = (hash >>> SLOT_BITS) & MASK
      const current = (root ?? this.#root)[outer]?.[inner]
      const index = current ? current.findIndex((slot) => slot.key === key) : -1
      if (index >= 0 && (current as Bucket<V>)[index]!.value === value) continue
      root ??= this.#root.length ? this.#root.slice() : new Array<Branch<V> | undefined>(WIDTH)
      let branch = root[outer] as (Bucket<V> | undefined)[] | undefined
      if (!branch || !copied.has(branch)) {
        branch = branch ? branch.slice() : new Array<Bucket<V> | undefined>(WIDTH)
        copied.add(branch)
        root[outer] = branch
      }
      let bucket = branch[inner] as Slot<V>[] | undefined
      if (!bucket || !copied.has(bucket)) {
        bucket = bucket ? bucket.slice() : []
        copied.add(bucket)
        branch[inner] = bucket
      }
      if (index >= 0) {
        bucket[index] = { key, value, order: bucket[index]!.order }
      } else {
        bucket.push({ key, value, order: nextOrder++ })
        size++
      }
    }
    return root ? new PersistentTable(root, size, nextOrder) : this
  }

  /** Returns a table without `key`; returns `this` when the key is absent. */
  delete(key: string): PersistentTable<V> {
    const hash = hashKey(key)
    const outer = hash & MASK
    const inner = (hash >>> SLOT_BITS) & MASK
    const branch = this.#root[outer]
    const bucket = branch?.[inner]
    if (!branch || !bucket) return this
    const index = bucket.findIndex((slot) => slot.key === key)
    if (index < 0) return this
    const nextBucket = bucket.length === 1 ? undefined : bucket.filter((_, i) => i !== index)
    const root = withSlot(this.#root, outer, withSlot(branch, inner, nextBucket))
    return new PersistentTable(root, this.size - 1, this.#nextOrder)
  }

  /** Visits every entry in insertion order. */
  forEach(visit: (value: V, key: string) => void): void {
    for (const slot of this.#orderedSlots()) visit(slot.value, slot.key)
  }

  keys(): string[] {
    return this.#orderedSlots().map((slot) => slot.key)
  }

  values(): V[] {
    return this.#orderedSlots().map((slot) => slot.value)
  }

  /**
   * A frozen plain-object view, built once per table version. Reading it costs
   * O(n) the first time, so internal code never does; it exists for code and
   * tools that read RTK Query's state shape directly.
   */
  toObject(): Readonly<Record<string, V>> {
    if (this.#snapshot) return this.#snapshot
    const record: Record<string, V> = {}
    for (const slot of this.#orderedSlots()) {
      // Assigning a key named `__proto__` would set the prototype instead.
      if (slot.key === '__proto__') {
        Object.defineProperty(record, slot.key, { value: slot.value, enumerable: true })
      } else {
        record[slot.key] = slot.value
      }
    }
    this.#snapshot = Object.freeze(record)
    return this.#snapshot
  }

  #orderedSlots(): Slot<V>[] {
    const slots: Slot<V>[] = []
    for (const branch of this.#root) {
      if (!branch) continue
      for (const bucket of branch) if (bucket) slots.push(...bucket)
    }
    return slots.sort((a, b) => a.order - b.order)
  }
}
