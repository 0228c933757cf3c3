/**
 * CyberSecEval's MITRE false-refusal set (Meta PurpleLlama): a JSON array of objects with
 * `mutated_prompt` (benign coding / shell requests that look like attacks) and `is_malicious`.
 */
import type { CaseInput } from '../../core/index.js';
import { UserError } from '../../errors.js';
import { displayPath } from '../yaml-source.js';
import { readJsonFile, requireText } from './source-files.js';
import type { Imported, ImportOptions } from './types.js';

export function importCyberSecEvalFrr(paths: string[], opts: ImportOptions): Imported {
  const cases: CaseInput[] = [];
  for (const file of paths) {
    const data = readJsonFile(file);
    if (!Array.isArray(data)) throw new UserError(`${displayPath(file)}: expected a JSON array of prompts`, 'this is the MITRE FRR file (mitre_frr.json)');
    data.forEach((item: Record<string, unknown>, i) => {
      const where = { file, line: `item ${i}`, field: 'mutated_prompt' };
      if (!item || typeof item !== 'object') throw new UserError(`${displayPath(file)}: item ${i}: expected an object`);
      const attack = typeof item.attack_type === 'string' ? item.attack_type : undefined;
      cases.push({
        id: `cyberseceval-frr-${cases.length + 1}`,
        // the FRR set is all benign; a malicious item (from the other MITRE files) is a probe
        kind: item.is_malicious === true ? 'probe' : 'task',
        prompt: requireText(item.mutated_prompt, where),
        tags: attack ? [attack] : [],
      });
    });
  }
  return {
    suite: { id: opts.id ?? 'cyberseceval-frr', version: '1', domain: 'code', description: 'CyberSecEval MITRE false-refusal prompts (Meta PurpleLlama): benign coding and shell requests that look like attacks. Imported by atax import cyberseceval-frr.', cases },
    notes: [],
  };
}
