// Prebuilds every Go test harness (called by .ci/run so test timings exclude Go builds).
import { goBinary, goHarnessNames } from './go.ts';

for (const name of goHarnessNames()) {
  const started = performance.now();
  const bin = goBinary(name);
  console.log(`go harness ${name}: ${bin} (${Math.round(performance.now() - started)} ms)`);
}
