// Renders a commit message the way Flux's image-automation-controller does (template name
// "commit message", Go builtins + sprig's hermetic map, Flux's error wording), with tagpilot's
// extension: the deprecated `.Updated` view still works and is reported for a status warning.
import { type CommitTemplateInput, commitTemplateData } from './commit-data.ts';
import { TemplateExecError, TemplateParseError } from './errors.ts';
import { sprigFuncs } from './sprig/index.ts';
import { Template } from './template.ts';

/** defaultCommitMessage is Flux's message when spec.git.commit.messageTemplate is empty. */
export const defaultCommitMessage = 'Update from image update automation';

/** templateName is the name Flux gives the template; it appears in every error. */
export const commitTemplateName = 'commit message';

/** CommitMessage is a rendered message plus what the status should warn about. */
export interface CommitMessage {
  readonly message: string;
  /** usedLegacyUpdated is true when the template read the deprecated `.Updated` field. */
  readonly usedLegacyUpdated: boolean;
  /** warnings are human-readable deprecation notes for the automation's status. */
  readonly warnings: readonly string[];
}

/** CommitTemplateError is a bad template or a failed execution, worded like Flux. */
export class CommitTemplateError extends Error {
  override readonly name = 'CommitTemplateError';
  /** phase tells a syntax error (parse) from a runtime failure (exec). */
  readonly phase: 'parse' | 'exec';
  /** removedField is set when the template uses a field Flux removed (e.g. `.Changed.ImageResult`). */
  readonly removedField: string | undefined;
  constructor(message: string, phase: 'parse' | 'exec', cause: Error, removedField?: string) {
    super(message, { cause });
    this.phase = phase;
    this.removedField = removedField;
  }
}

/** legacyWarning is the status note for templates that still read `.Updated`. */
export const legacyWarning =
  "commit message template uses the deprecated '.Updated' field (removed in Flux v1); tagpilot still renders it — please move to '.Changed'";

/** renderCommitMessage renders spec.git.commit.messageTemplate for one automation run. */
export function renderCommitMessage(template: string, input: CommitTemplateInput): CommitMessage {
  const text = template === '' ? defaultCommitMessage : template;
  let tmpl: Template;
  try {
    tmpl = Template.parse(commitTemplateName, text, sprigFuncs);
  } catch (err) {
    if (err instanceof TemplateParseError) {
      throw new CommitTemplateError(
        `unable to create commit message template from spec: ${err.message}`,
        'parse',
        err,
      );
    }
    throw err;
  }
  try {
    const { output, fieldsUsed } = tmpl.execute(commitTemplateData(input));
    const usedLegacyUpdated = fieldsUsed.has('source.TemplateData.Updated');
    return {
      message: output,
      usedLegacyUpdated,
      warnings: usedLegacyUpdated ? [legacyWarning] : [],
    };
  } catch (err) {
    if (err instanceof TemplateExecError) {
      if (err.message.includes("can't evaluate field ImageResult in type update.Result")) {
        throw new CommitTemplateError(
          "template uses removed '.Changed.ImageResult' field. Please use '.Changed.FileChanges' or '.Changed.Objects' instead. See: https://fluxcd.io/flux/components/image/imageupdateautomations/#message-template",
          'exec',
          err,
          '.Changed.ImageResult',
        );
      }
      throw new CommitTemplateError(
        `failed to run template from spec: ${err.message}`,
        'exec',
        err,
      );
    }
    throw err;
  }
}
