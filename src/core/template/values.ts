// The Go value model the engine executes over. Go's templates depend on static types (a missing
// key in a map of strings yields "", a field of a struct that does not exist is an error, an
// element of []interface{} is an interface value), so values carry just enough type information.
//
//   undefined → an invalid reflect.Value (a missing map key), null → untyped nil,
//   string / boolean, number → float64, bigint → int, GoNum → other numeric types (int64 …),
//   Array → slice, Map → map, GoStruct → struct, GoFunc → func, Iface → a value held in an
//   interface-typed slot (Go digs into these only at pipeline boundaries).

/** GoValue is any value the template engine handles. */
export type GoValue =
  | undefined
  | null
  | string
  | boolean
  | number
  | bigint
  | GoNum
  | GoValue[]
  | Map<GoValue, GoValue>
  | GoStruct
  | GoFunc
  | Iface;

/** GoNumType lists the integer types other than int. */
export type GoNumType =
  | 'int64'
  | 'int32'
  | 'int8'
  | 'int16'
  | 'uint'
  | 'uint8'
  | 'uint32'
  | 'uint64';

/** GoNum is a numeric value whose Go type is not int or float64 (e.g. sprig's int64 results). */
export class GoNum {
  readonly type: GoNumType;
  readonly value: bigint;
  constructor(type: GoNumType, value: bigint) {
    this.type = type;
    this.value = value;
  }
}

/** Iface is a value stored in an interface-typed slot (type is the interface, e.g. `interface {}`). */
export class Iface {
  readonly type: string;
  readonly value: GoValue;
  constructor(type: string, value: GoValue) {
    this.type = type;
    this.value = value;
  }
}

/** GoField is one struct field; embedded fields promote their own fields and methods. */
export interface GoField {
  readonly name: string;
  readonly value: GoValue;
  readonly embedded?: boolean;
  /** unexported fields print without their String() method and cannot be read by templates. */
  readonly unexported?: boolean;
}

/** GoStruct is a struct value with a Go type name, ordered fields and value-receiver methods. */
export class GoStruct {
  readonly type: string;
  private readonly fieldList: readonly GoField[];
  private readonly methodTable: Readonly<Record<string, GoFunc>>;
  constructor(
    type: string,
    fields: readonly GoField[],
    methods: Readonly<Record<string, GoFunc>> = {},
  ) {
    this.type = type;
    this.fieldList = fields;
    this.methodTable = methods;
  }
  /** constString, when set, is what the String() method returns (lets printing skip the call). */
  constString: string | undefined;
  /** jsonText, when set, is what MarshalJSON produces (a JSON string of it). */
  jsonText: string | undefined;
  /** fields are the struct's fields in declaration order (subclasses may build them lazily). */
  get fields(): readonly GoField[] {
    return this.fieldList;
  }
  /** methods are the value-receiver methods (subclasses may build them lazily). */
  get methods(): Readonly<Record<string, GoFunc>> {
    return this.methodTable;
  }
}

/** ParamType is a Go parameter type, spelled as Go prints it (`string`, `interface {}`, …). */
export type ParamType = string;

/** GoFunc is a callable: a template function or a method value. */
export class GoFunc {
  readonly name: string;
  readonly params: readonly ParamType[];
  readonly variadic: ParamType | undefined;
  readonly fn: (...args: GoValue[]) => GoValue;
  readonly sig: string;
  constructor(
    name: string,
    params: readonly ParamType[],
    variadic: ParamType | undefined,
    fn: (...args: GoValue[]) => GoValue,
    sig = '',
  ) {
    this.name = name;
    this.params = params;
    this.variadic = variadic;
    this.fn = fn;
    this.sig = sig;
  }
}

/** CollectionInfo is the Go type of a slice or map (elem is its element type). */
export interface CollectionInfo {
  readonly name: string;
  readonly elem: string;
  /** key is the key type of a map (string when absent). */
  readonly key?: string;
  readonly nil?: boolean;
}

/** info is where a slice's or map's Go type is kept (a symbol property: cheaper than a WeakMap). */
const info = Symbol('goType');
type Tagged = { [info]?: CollectionInfo };
const anySlice: CollectionInfo = { name: '[]interface {}', elem: 'interface {}' };
const anyMap: CollectionInfo = { name: 'map[string]interface {}', elem: 'interface {}' };

/** typed attaches a Go type to a slice or map and returns it. */
export function typed<T extends GoValue[] | Map<GoValue, GoValue>>(
  v: T,
  goType: CollectionInfo,
): T {
  (v as Tagged)[info] = goType;
  return v;
}

/** infoOf returns the Go type of a slice or map ([]interface{} / map[string]interface{} by default). */
export function infoOf(v: GoValue[] | Map<GoValue, GoValue>): CollectionInfo {
  return (v as Tagged)[info] ?? (Array.isArray(v) ? anySlice : anyMap);
}

/** isInterfaceType reports whether a Go type name is an interface type. */
export function isInterfaceType(t: string): boolean {
  return t === 'interface {}' || t === 'update.ImageRef' || t === 'error';
}

/** Kind is Go's reflect.Kind, reduced to what templates can meet. */
export type Kind =
  | 'invalid'
  | 'bool'
  | 'int'
  | 'uint'
  | 'float'
  | 'string'
  | 'slice'
  | 'map'
  | 'struct'
  | 'func'
  | 'interface';

/** kindOf is reflect.Value.Kind(); null is an invalid (nil) value. */
export function kindOf(v: GoValue): Kind {
  if (v === undefined || v === null) return 'invalid';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'number':
      return 'float';
    case 'bigint':
      return 'int';
  }
  if (v instanceof GoNum) return v.type.startsWith('u') ? 'uint' : 'int';
  if (Array.isArray(v)) return 'slice';
  if (v instanceof Map) return 'map';
  if (v instanceof GoStruct) return 'struct';
  if (v instanceof GoFunc) return 'func';
  return 'interface';
}

/** typeName is reflect.Type.String() of a value. */
export function typeName(v: GoValue): string {
  if (v === undefined || v === null) return '<nil>';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'number':
      return 'float64';
    case 'bigint':
      return 'int';
  }
  if (v instanceof GoNum) return v.type;
  if (Array.isArray(v) || v instanceof Map) return infoOf(v).name;
  if (v instanceof GoStruct) return v.type;
  if (v instanceof GoFunc) return v.sig || 'func()';
  return v.type;
}

/** unwrap digs a value out of its interface slot (nil interface → null). */
export function unwrap(v: GoValue): GoValue {
  return v instanceof Iface ? v.value : v;
}

/** intValue returns the integer of an int-kind value, or undefined. */
export function intValue(v: GoValue): bigint | undefined {
  if (typeof v === 'bigint') return v;
  if (v instanceof GoNum) return v.value;
  return undefined;
}

/** int64 wraps a bigint as a Go int64 (sprig's arithmetic results). */
export function int64(v: bigint): GoNum {
  return new GoNum('int64', BigInt.asIntN(64, v));
}

const namedZeros = new Map<string, () => GoValue>();

/** registerZero declares the zero value of a named (non-builtin) type, e.g. `update.ObjectChanges`. */
export function registerZero(type: string, zero: () => GoValue): void {
  namedZeros.set(type, zero);
}

/** zeroOf is reflect.Zero for a type name. */
export function zeroOf(t: string): GoValue {
  const named = namedZeros.get(t);
  if (named) return named();
  switch (t) {
    case 'string':
      return '';
    case 'bool':
      return false;
    case 'int':
      return 0n;
    case 'float64':
      return 0;
  }
  if (isInterfaceType(t)) return new Iface(t, null);
  if (t.startsWith('[]')) return typed([], { name: t, elem: t.slice(2), nil: true });
  if (t.startsWith('map[')) {
    const elem = t.slice(t.indexOf(']') + 1);
    return typed(new Map(), { name: t, elem, nil: true });
  }
  return null;
}

/** isNilCollection reports a typed nil slice or map (prints [] / map[], JSON null). */
export function isNilCollection(v: GoValue): boolean {
  return (Array.isArray(v) || v instanceof Map) && infoOf(v).nil === true;
}

/** structField finds an exported field by name, following embedded structs like Go does. */
export function structField(
  s: GoStruct,
  name: string,
): { found: boolean; value?: GoValue; unexported?: boolean } {
  for (const f of s.fields) {
    if (f.name === name) return { found: true, value: f.value, unexported: f.unexported === true };
  }
  for (const f of s.fields) {
    if (f.embedded && f.value instanceof GoStruct) {
      const r = structField(f.value, name);
      if (r.found) return r;
    }
  }
  return { found: false };
}

/** structMethod finds a method by name, including methods promoted from embedded fields. */
export function structMethod(s: GoStruct, name: string): GoFunc | undefined {
  if (Object.hasOwn(s.methods, name)) return s.methods[name];
  for (const f of s.fields) {
    if (f.embedded && f.value instanceof GoStruct) {
      const m = structMethod(f.value, name);
      if (m) return m;
    }
  }
  return undefined;
}
