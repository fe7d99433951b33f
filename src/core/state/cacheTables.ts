import { PersistentTable } from '../persistentTable'
import type { FullTagDescription } from '../types/tags'
import type {
  ApiState,
  ConfigState,
  InvalidationState,
  MutationSubState,
  QuerySubState,
  Subscribers,
} from '../types/state'

/**
 * The storage behind an api's state: persistent tables, so that one change
 * costs the same with 10 entries or 100,000.
 *
 * @internal
 */
export interface CacheTables {
  readonly queries: PersistentTable<QuerySubState>
  readonly mutations: PersistentTable<MutationSubState>
  readonly subscriptions: PersistentTable<Subscribers>
  /** cache key → tags it provides */
  readonly providedKeys: PersistentTable<readonly FullTagDescription[]>
  /** tag type → tag id → cache keys */
  readonly providedTags: PersistentTable<PersistentTable<readonly string[]>>
  /**
   * When each tag was last invalidated in this store (epoch ms), by
   * `invalidationKey`. Not part of RTK Query's state shape, so not shown:
   * rehydration reads it to refuse server data older than an invalidation.
   */
  readonly invalidatedAt: PersistentTable<number>
}

export const emptyTables: CacheTables = {
  queries: PersistentTable.empty(),
  mutations: PersistentTable.empty(),
  subscriptions: PersistentTable.empty(),
  providedKeys: PersistentTable.empty(),
  providedTags: PersistentTable.empty(),
  invalidatedAt: PersistentTable.empty(),
}

/** Where an api state keeps its tables: a symbol, so JSON, `Object.keys` and Redux's checks never see it. */
const TABLES = Symbol('api-slice tables')
// Keyed by the tag table, so `provided` keeps its identity until tags change.
const providedSnapshots = new WeakMap<object, InvalidationState>()

function providedSnapshot(tables: CacheTables): InvalidationState {
  let snapshot = providedSnapshots.get(tables.providedKeys)
  if (!snapshot) {
    const tags: Record<string, Readonly<Record<string, readonly string[]>>> = {}
    tables.providedTags.forEach((ids, type) => {
      // defineProperty: a tag type named `__proto__` must not set the prototype.
      Object.defineProperty(tags, type, { value: ids.toObject(), enumerable: true })
    })
    snapshot = Object.freeze({ tags: Object.freeze(tags), keys: tables.providedKeys.toObject() })
    providedSnapshots.set(tables.providedKeys, snapshot)
  }
  return snapshot
}

type Snapshot = 'queries' | 'mutations' | 'provided' | 'subscriptions'

const SNAPSHOT_FIELDS: readonly (Snapshot | 'config')[] = [
  'queries',
  'mutations',
  'provided',
  'subscriptions',
  'config',
]

function snapshotOf(tables: CacheTables, field: Snapshot): object {
  return field === 'provided' ? providedSnapshot(tables) : tables[field].toObject()
}

function isSnapshot(field: string | symbol): field is Snapshot {
  return field === 'queries' || field === 'mutations' || field === 'provided' || field === 'subscriptions'
}

/*
 * One handler for every api state. The state is a Proxy over `{ config,
 * [TABLES] }` so that making a new state per action costs one small object,
 * not four getter closures (measured: getters made starting 1,000 queries
 * about 40% slower). Reads of `queries`, `mutations`, `provided` and
 * `subscriptions` build RTK Query's plain objects on first use, once per
 * table version; the library itself reads the tables.
 */
const stateHandler: ProxyHandler<{ config: ConfigState; [TABLES]: CacheTables; [INSPECT]: unknown }> = {
  get: (target, field) => (isSnapshot(field) ? snapshotOf(target[TABLES], field) : Reflect.get(target, field)),
  has: (target, field) => isSnapshot(field) || Reflect.has(target, field),
  ownKeys: () => [...SNAPSHOT_FIELDS],
  getOwnPropertyDescriptor: (target, field) =>
    isSnapshot(field)
      ? { value: snapshotOf(target[TABLES], field), enumerable: true, configurable: true, writable: false }
      : Reflect.getOwnPropertyDescriptor(target, field),
  // The state is immutable: writes fail (a TypeError in strict mode), as on a frozen object.
  set: () => false,
  deleteProperty: () => false,
  defineProperty: () => false,
}

/**
 * Wraps tables in the state object that lives at `state[reducerPath]`: it
 * reads like RTK Query's plain state (see `stateHandler`).
 *
 * @internal
 */
export function createApiState<TReducerPath extends string>(
  tables: CacheTables,
  config: ConfigState<TReducerPath>,
): ApiState<TReducerPath> {
  const target = { config, [TABLES]: tables, [INSPECT]: inspectState }
  return new Proxy(target, stateHandler) as unknown as ApiState<TReducerPath>
}

/** Node's console shows a proxy's target; show the state as users know it instead. */
const INSPECT = Symbol.for('nodejs.util.inspect.custom')

function inspectState(this: { config: ConfigState; [TABLES]: CacheTables }) {
  const tables = this[TABLES]
  return {
    queries: tables.queries.toObject(),
    mutations: tables.mutations.toObject(),
    provided: providedSnapshot(tables),
    subscriptions: tables.subscriptions.toObject(),
    config: this.config,
  }
}

function recordOrEmpty(value: unknown): Record<string, any> {
  return typeof value === 'object' && value !== null ? (value as Record<string, any>) : {}
}

/** Builds tables from a plain api state, such as a `preloadedState` parsed from JSON. */
function tablesFromPlainState(state: ApiState): CacheTables {
  const provided = recordOrEmpty(state.provided)
  let providedTags = PersistentTable.empty<PersistentTable<readonly string[]>>()
  for (const [type, ids] of Object.entries(recordOrEmpty(provided.tags))) {
    providedTags = providedTags.set(type, PersistentTable.fromObject(recordOrEmpty(ids)))
  }
  return {
    queries: PersistentTable.fromObject(recordOrEmpty(state.queries)),
    mutations: PersistentTable.fromObject(recordOrEmpty(state.mutations)),
    // Subscriptions belong to the components of the store that made them; a
    // preloaded state's have no owner here and would keep entries forever.
    subscriptions: PersistentTable.empty(),
    providedKeys: PersistentTable.fromObject(recordOrEmpty(provided.keys)),
    providedTags,
    invalidatedAt: PersistentTable.empty(),
  }
}

/** The tables behind an api state; O(1) for states this library made. @internal */
export function tablesOf(state: ApiState): CacheTables {
  const own = (state as { [TABLES]?: CacheTables })[TABLES]
  if (own) return own
  let tables = plainStateTables.get(state)
  if (!tables) {
    tables = tablesFromPlainState(state)
    plainStateTables.set(state, tables)
  }
  return tables
}

/** Tables built from plain states (preloaded or hand-made), built once per state object. */
const plainStateTables = new WeakMap<object, CacheTables>()
