// sprig v3's hermetic text function map, as Flux passes it to its commit message template.
import type { GoFunc } from '../values.ts';
import { dictFuncs } from './dicts.ts';
import { encodingFuncs } from './encoding.ts';
import { listFuncs } from './lists.ts';
import { mathFuncs } from './math.ts';
import { miscFuncs } from './misc.ts';
import { regexFuncs } from './regex.ts';
import { semverFuncs } from './semver.ts';
import { stringFuncs } from './strings.ts';

/** sprigFuncs is sprig's HermeticTxtFuncMap (it overrides Go's builtin `slice`). */
export const sprigFuncs: ReadonlyMap<string, GoFunc> = new Map([
  ...stringFuncs,
  ...listFuncs,
  ...dictFuncs,
  ...mathFuncs,
  ...encodingFuncs,
  ...regexFuncs,
  ...semverFuncs,
  ...miscFuncs,
]);
