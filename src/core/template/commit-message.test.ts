import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commitFixture } from '../../../test/go/template/commit-fixtures.ts';
import {
  CommitTemplateError,
  defaultCommitMessage,
  legacyWarning,
  renderCommitMessage,
} from './commit-message.ts';

const one = commitFixture(1, 1, { cluster: 'prod' }).input;
const three = commitFixture(3, 2).input;

const seedTemplate = `Automated image update

Automation name: {{ .AutomationObject }}

Files:
{{ range $filename, $_ := .Updated.Files -}}
- {{ $filename }}
{{ end -}}

Images:
{{ range .Updated.Images -}}
- {{.}}
{{ end -}}
`;

describe('renderCommitMessage', () => {
  const cases = [
    {
      name: 'empty template uses Flux default',
      template: '',
      input: one,
      want: defaultCommitMessage,
      legacy: false,
    },
    {
      name: 'values',
      template: 'Automated image update by Flux for cluster {{ .Values.cluster }}.',
      input: one,
      want: 'Automated image update by Flux for cluster prod.',
      legacy: false,
    },
    {
      name: 'missing values print <no value>',
      template: '[{{ .Values.cluster }}]',
      input: three,
      want: '[<no value>]',
      legacy: false,
    },
    {
      name: 'seed template with the legacy .Updated view',
      template: seedTemplate,
      input: one,
      want:
        'Automated image update\n\nAutomation name: flux-system/update-all\n\nFiles:\n- kustomization.yaml\n' +
        'Images:\n- ghcr.io/acme/app-0:1.0.0\n',
      legacy: true,
    },
    {
      name: 'println over images',
      template: '{{range .Updated.Images}}{{println .}}{{end}}',
      input: three,
      // files in path order, objects in document order (Go's order here is random)
      want: 'docker.io/library/app-1:1.1.1\nghcr.io/acme/app-0:1.0.0\nregistry.example.com:5000/team/app-2:1.2.2\n',
      legacy: true,
    },
    {
      name: 'legacy view reached through $ inside a range is still reported',
      template: '{{ range .Changed.Changes }}{{ len $.Updated.Images }}{{ end }}',
      input: one,
      want: '1',
      legacy: true,
    },
    {
      name: '.Changed objects sorted by identifier',
      template:
        '{{ range $o, $c := .Changed.Objects }}{{ $o.Kind }}/{{ $o.Name }}={{ len $c }};{{ end }}',
      input: three,
      want: 'Deployment/app-1-0=1;Kustomization/=3;',
      legacy: false,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = renderCommitMessage(c.template, c.input);
      assert.equal(got.message, c.want);
      assert.equal(got.usedLegacyUpdated, c.legacy);
      assert.deepEqual(got.warnings, c.legacy ? [legacyWarning] : []);
    });
  }

  const failures = [
    {
      name: 'parse error is prefixed like Flux',
      template: 'x\n{{ .Changed ',
      message:
        'unable to create commit message template from spec: template: commit message:2: unclosed action',
      phase: 'parse',
      removed: undefined,
    },
    {
      name: 'exec error is prefixed like Flux',
      template: '{{ .Nope }}',
      message:
        'failed to run template from spec: template: commit message:1:3: executing "commit message" at <.Nope>: can\'t evaluate field Nope in type source.TemplateData',
      phase: 'exec',
      removed: undefined,
    },
    {
      name: 'removed .Changed.ImageResult is reported as a removed field',
      template: '{{ .Changed.ImageResult }}',
      message:
        "template uses removed '.Changed.ImageResult' field. Please use '.Changed.FileChanges' or '.Changed.Objects' instead. See: https://fluxcd.io/flux/components/image/imageupdateautomations/#message-template",
      phase: 'exec',
      removed: '.Changed.ImageResult',
    },
  ];
  for (const f of failures) {
    it(f.name, () => {
      assert.throws(
        () => renderCommitMessage(f.template, one),
        (err: unknown) =>
          err instanceof CommitTemplateError &&
          err.message === f.message &&
          err.phase === f.phase &&
          err.removedField === f.removed &&
          err.cause instanceof Error,
      );
    });
  }
});
