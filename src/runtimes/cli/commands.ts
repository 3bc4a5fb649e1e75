import { alertTestCommand } from './alert-test.ts';
import { checkCommand } from './check.ts';
import type { Command } from './command.ts';
import {
  createImagePolicyCommand,
  createImageRepositoryCommand,
  createImageUpdateCommand,
} from './create-image.ts';
import { explainPolicyCommand } from './explain-policy.ts';
import { exportImageCommands } from './export-image.ts';
import { getImagesCommands } from './get-images.ts';
import { planCommand } from './plan.ts';
import { policySelectCommand } from './policy-select.ts';
import { reconcileImageCommands } from './reconcile-image.ts';
import { runCommand } from './run.ts';
import { scanCommand } from './scan.ts';
import { suspendImageCommands } from './suspend-image.ts';
import { templateRender } from './template-render.ts';

// One line per command module; keep the list sorted by command path.
/** commands lists every CLI command tagpilot knows. */
export const commands: Command[] = [
  alertTestCommand,
  checkCommand,
  createImagePolicyCommand,
  createImageRepositoryCommand,
  createImageUpdateCommand,
  ...exportImageCommands,
  ...getImagesCommands,
  planCommand,
  explainPolicyCommand,
  policySelectCommand,
  runCommand,
  ...reconcileImageCommands,
  scanCommand,
  ...suspendImageCommands,
  templateRender,
];
