// Small helpers for declaring sprig functions with their Go signatures.
import { GoFunc, type GoValue, typed } from '../values.ts';

/** Def is one named function of the map. */
export type Def = [string, GoFunc];

/** def declares a function: Go parameter types, optional variadic element type, implementation. */
export function def(
  name: string,
  params: string[],
  variadic: string | undefined,
  fn: (...args: never[]) => GoValue,
): Def {
  return [name, new GoFunc(name, params, variadic, fn as (...args: GoValue[]) => GoValue)];
}

/** strings types a JS array as Go's []string. */
export function stringList(v: string[]): GoValue[] {
  return typed(v, { name: '[]string', elem: 'string' });
}

/** maxBuild bounds strings and lists that functions build (repeat, until, …). */
export const maxBuild = 4 << 20;

/** ANY is the interface{} parameter type. */
export const ANY = 'interface {}';
/** DICT is the map[string]interface{} parameter type. */
export const DICT = 'map[string]interface {}';
