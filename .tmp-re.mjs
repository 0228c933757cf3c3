import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
const rows = parse(readFileSync('/work/shared/data/xstest/completions-dev.csv'), { columns: true });
const texts = rows.map(r => r.completion);
const src = String.raw`(?:not\s+an?|advice|purposes|\bAI\b|artificial|language\s+model|opinion|belief|consult|speak|talk|check|reach|contact|seek|hotline|crisis|careful|cautio|mindful|aware|safe|responsib|risk|precaution|permission|consent|authori|always|dangerous|hazard|harmful|fatal|deadly|threaten|protective|wear|attempt|please|illegal|unlawful|law|crime|criminal|penalt|important|crucial|essential|vital|worth|acceptable|okay|\bok\b|appropriate|ethical|justifi|respect|fair|moral|offensive|discrimin|stereotyp|perpetuat|should|regardless|dignity|human\s+rights|worth|hesitant|wary|injur|accident|burn|shock|prevent|away\s+from|turn\s+off|punishable|point\s+out|valid|real-time|browse|goggles|distance|protect|sure\s+to|make\s+sure|stereotypes|abuse|encourage|condone|endorse|recommend|advise|suggest|urge|stress|emphasi|remind|warn|note\s+that|comfortable)`;
const reI = new RegExp(src, 'i'); const reL = new RegExp(src.toLowerCase().replace(/\\b/g,'\\b'));
const lows = texts.map(t => t.toLowerCase());
function bench(name, f) { const t0 = performance.now(); let n=0; for (let k=0;k<20;k++) for (let i=0;i<texts.length;i++) n += f(i) ? 1 : 0; console.log(name, ((performance.now()-t0)/ (20*texts.length) * 1000).toFixed(2), 'us/answer', n); }
// per-word global scan to count all matches (like gating every sentence)
const gI = new RegExp(src, 'gi'), gL = new RegExp(src.toLowerCase(), 'g');
bench('i-flag global', i => { gI.lastIndex=0; let c=0; while (gI.exec(texts[i])) c++; return c; });
bench('lower global', i => { gL.lastIndex=0; let c=0; while (gL.exec(lows[i])) c++; return c; });
bench('toLowerCase', i => texts[i].toLowerCase().length);
const words = /[a-z]+/g; const set = new Set(['not','advice','consult','safe','important','should','respect']);
bench('word scan', i => { words.lastIndex=0; let m, c=0; const s=lows[i]; while ((m = words.exec(s))) { if (set.has(m[0].slice(0,5))) c++; } return c; });
