// sprig's semver / semverCompare over tagpilot's Masterminds/semver v3.5 implementation
// (src/core/semver), the version image-automation-controller links.
import { ConstraintError, parseConstraint } from '../../semver/constraint.ts';
import {
  formatVersion,
  parseLooseVersion,
  type Segment,
  type Version,
} from '../../semver/version.ts';
import { GoFunc, GoNum, GoStruct, type GoValue } from '../values.ts';
import { fail } from './cast.ts';
import { type Def, def } from './def.ts';

function parse(s: string): Version {
  if (s.length > 256) fail('version string is too long (max 256 bytes)');
  return parseLooseVersion(s) ?? fail('invalid semantic version');
}

const uint64 = (s: Segment): GoValue => new GoNum('uint64', BigInt(s));

/** versionValue is *semver.Version: prints canonically, exposes Masterminds' accessor methods. */
function versionValue(v: Version): GoValue {
  const m = (name: string, f: () => GoValue): [string, GoFunc] => [
    name,
    new GoFunc(name, [], undefined, f),
  ];
  return new GoStruct(
    '*semver.Version',
    [],
    Object.fromEntries([
      m('String', () => formatVersion(v)),
      m('Major', () => uint64(v.major)),
      m('Minor', () => uint64(v.minor)),
      m('Patch', () => uint64(v.patch)),
      m('Prerelease', () => v.prerelease),
      m('Metadata', () => v.metadata),
      m('Original', () => v.original),
    ]),
  );
}

/** semverFuncs are sprig's semver functions. */
export const semverFuncs: Def[] = [
  def('semver', ['string'], undefined, (s: string) => versionValue(parse(s))),
  def('semverCompare', ['string', 'string'], undefined, (c: string, s: string) => {
    let constraint: ReturnType<typeof parseConstraint>;
    try {
      constraint = parseConstraint(c);
    } catch (err) {
      if (err instanceof ConstraintError) return fail(err.message);
      throw err;
    }
    return constraint.check(parse(s));
  }),
];
