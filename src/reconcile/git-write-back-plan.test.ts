import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  canShortCircuit,
  EmptyRepositoryError,
  GitPlanError,
  GitRefNotFoundError,
  normaliseRevision,
  planPush,
  resolveCheckout,
} from './git-write-back-plan.ts';

describe('planPush (Flux configurePush)', () => {
  const cases = [
    {
      name: 'defaults to checkout branch',
      checkout: { branch: 'main' },
      push: undefined,
      want: { branch: 'main', switchBranch: false },
    },
    {
      name: 'same push branch does not switch',
      checkout: { branch: 'main' },
      push: { branch: 'main' },
      want: { branch: 'main', switchBranch: false },
    },
    {
      name: 'other push branch switches',
      checkout: { branch: 'main' },
      push: { branch: 'auto' },
      want: { branch: 'auto', switchBranch: true },
    },
    {
      name: 'tag checkout always switches',
      checkout: { tag: 'v1', branch: 'auto' },
      push: { branch: 'auto' },
      want: { branch: 'auto', switchBranch: false },
    },
    {
      name: 'tag checkout without branch switches',
      checkout: { tag: 'v1' },
      push: { branch: 'auto' },
      want: { branch: 'auto', switchBranch: true },
    },
    {
      name: 'no checkout compares with master',
      checkout: undefined,
      push: { branch: 'master' },
      want: { branch: 'master', switchBranch: false },
    },
    {
      name: 'no checkout, no push: master',
      checkout: undefined,
      push: undefined,
      want: { branch: 'master', switchBranch: false },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = planPush(c.checkout, c.push);
      assert.deepEqual({ branch: got.branch, switchBranch: got.switchBranch }, c.want);
    });
  }
  it('refuses to infer a push branch from a tag checkout', () => {
    assert.throws(
      () => planPush({ tag: 'v1' }, { refspec: 'refs/heads/x:refs/heads/y' }),
      GitPlanError,
    );
  });
  it('sorts push options and keeps the refspec', () => {
    const got = planPush(
      { branch: 'main' },
      { refspec: 'refs/heads/main:refs/for/main', options: { b: '2', a: '1' } },
    );
    assert.deepEqual(got.options, [
      ['a', '1'],
      ['b', '2'],
    ]);
    assert.equal(got.refspec, 'refs/heads/main:refs/for/main');
  });
});

describe('resolveCheckout (precedence commit > name > tag > semver > branch)', () => {
  const A = 'a'.repeat(40);
  const B = 'b'.repeat(40);
  const C = 'c'.repeat(40);
  const T = 'd'.repeat(40);
  const refs = new Map([
    ['HEAD', A],
    ['refs/heads/main', A],
    ['refs/heads/dev', B],
    ['refs/tags/v1.0.0', T],
    ['refs/tags/v1.0.0^{}', C],
    ['refs/tags/v1.2.0', B],
    ['refs/pull/1/head', C],
  ]);
  const pickHighest = (_: string, tags: readonly string[]) => [...tags].sort().at(-1);
  const cases = [
    {
      name: 'branch',
      ref: { branch: 'dev' },
      want: { commit: B, revision: `dev@sha1:${B}`, remoteRef: 'refs/heads/dev' },
    },
    { name: 'default master missing', ref: undefined, err: GitRefNotFoundError },
    {
      name: 'annotated tag is peeled',
      ref: { tag: 'v1.0.0', branch: 'dev' },
      want: { commit: C, revision: `v1.0.0@sha1:${C}`, remoteRef: 'refs/tags/v1.0.0' },
    },
    {
      name: 'tag beats semver',
      ref: { tag: 'v1.0.0', semver: '*' },
      want: { commit: C, revision: `v1.0.0@sha1:${C}`, remoteRef: 'refs/tags/v1.0.0' },
    },
    {
      name: 'semver picks via selector',
      ref: { semver: '>=1' },
      want: { commit: B, revision: `v1.2.0@sha1:${B}`, remoteRef: 'refs/tags/v1.2.0' },
    },
    {
      name: 'name beats tag',
      ref: { name: 'refs/pull/1/head', tag: 'v1.0.0' },
      want: { commit: C, revision: `refs/pull/1/head@sha1:${C}`, remoteRef: 'refs/pull/1/head' },
    },
    {
      name: 'commit beats all',
      ref: { commit: B.toUpperCase(), name: 'refs/heads/main' },
      want: { commit: B, revision: `sha1:${B}` },
    },
    {
      name: 'commit with branch',
      ref: { commit: C, branch: 'main' },
      want: { commit: C, revision: `main@sha1:${C}`, remoteRef: 'refs/heads/main' },
    },
    { name: 'short commit', ref: { commit: 'abc' }, err: GitPlanError },
    { name: 'missing tag', ref: { tag: 'v9' }, err: GitRefNotFoundError },
    { name: 'missing branch', ref: { branch: 'nope' }, err: GitRefNotFoundError },
  ];
  for (const c of cases) {
    it(c.name, () => {
      if (c.err !== undefined) {
        assert.throws(() => resolveCheckout(refs, c.ref, 'git://h/r', pickHighest), c.err);
        return;
      }
      assert.deepEqual(resolveCheckout(refs, c.ref, 'git://h/r', pickHighest), c.want);
    });
  }
  it('reports an empty repository distinctly', () => {
    assert.throws(
      () => resolveCheckout(new Map(), { branch: 'main' }, 'git://h/r'),
      EmptyRepositoryError,
    );
  });
  it('names the missing branch and url', () => {
    assert.throws(
      () => resolveCheckout(refs, { branch: 'nope' }, 'git://h/r'),
      /branch 'nope' not found in git:\/\/h\/r/,
    );
  });
});

describe('canShortCircuit', () => {
  const cases = [
    { name: 'branch to same branch', ref: { branch: 'main' }, push: undefined, want: true },
    { name: 'switching branch', ref: { branch: 'main' }, push: { branch: 'auto' }, want: false },
    {
      name: 'refspec',
      ref: { branch: 'main' },
      push: { refspec: 'refs/heads/main:refs/for/main' },
      want: false,
    },
    { name: 'tag checkout', ref: { tag: 'v1', branch: 'main' }, push: undefined, want: false },
  ];
  for (const c of cases) {
    it(c.name, () => assert.equal(canShortCircuit(c.ref, planPush(c.ref, c.push)), c.want));
  }
});

describe('normaliseRevision', () => {
  const sha = 'f'.repeat(40);
  const cases = [
    { name: 'current form unchanged', in: `main@sha1:${sha}`, want: `main@sha1:${sha}` },
    { name: 'legacy branch/hash', in: `main/${sha}`, want: `main@sha1:${sha}` },
    { name: 'legacy with slash in branch', in: `feat/x/${sha}`, want: `feat/x@sha1:${sha}` },
    { name: 'not a revision', in: 'main', want: 'main' },
  ];
  for (const c of cases) it(c.name, () => assert.equal(normaliseRevision(c.in), c.want));
});
