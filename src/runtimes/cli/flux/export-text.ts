// What `flux … --export` prints for one object: `---`, then the sigs.k8s.io/yaml text, trimmed.
import { type JsonValue, marshalGoYaml } from './go-yaml.ts';

/** exportDocument returns the `---`-led YAML document flux's printExport writes for an object. */
export function exportDocument(object: JsonValue): string {
  return `---\n${marshalGoYaml(object).trim()}\n`;
}
