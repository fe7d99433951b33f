export type TagId = string | number

export interface FullTagDescription<TTagType extends string = string> {
  type: TTagType
  id?: TagId
}

/** A tag: a plain string type, or `{ type, id }`. */
export type TagDescription<TTagType extends string = string> = TTagType | FullTagDescription<TTagType>

export type ResultDescription<TTagType extends string, TResult, TArg, TError, TMeta> =
  | readonly (TagDescription<TTagType> | undefined | null)[]
  | ((
      result: TResult | undefined,
      error: TError | undefined,
      arg: TArg,
      meta: TMeta,
    ) => readonly (TagDescription<TTagType> | undefined | null)[])
