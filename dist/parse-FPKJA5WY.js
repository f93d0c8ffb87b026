import { createRequire as __gauntletCreateRequire } from 'node:module';
const require = __gauntletCreateRequire(import.meta.url);
import{RESULT_FILE_FORMATS,parseResultFile}from"./chunk-EHPFXCON.js";import"./chunk-ZTMRUYYH.js";import{countTests}from"./chunk-YVH4AY5Q.js";import"./chunk-ONFRQVOC.js";import"./chunk-URRS336S.js";import{ExitCode,errorLine}from"./chunk-OYNOACRL.js";import"./chunk-VTHRXOMS.js";import"./chunk-M3IYYOUC.js";import"./chunk-I54WY76Z.js";import{parseArgs}from"node:util";var PARSE_USAGE=`gauntlet parse --format <format|auto> FILE... [--json]

Parses test reports or benchmark outputs and prints what Gauntlet reads from them. Formats: auto, ${RESULT_FILE_FORMATS.join(", ")}.
With --json it prints {"tests":[\u2026],"totals":{\u2026}} for test reports and {"metrics":[\u2026]} for benchmark outputs
(both keys when the files mix the two). On unreadable input it exits 2 with one line naming the file.`;async function parseCommand(args,io){let{values,positionals}=parseArgs({args:[...args],allowPositionals:!0,options:{format:{type:"string",default:"auto"},json:{type:"boolean",default:!1}}}),format=values.format;if(format!=="auto"&&!RESULT_FILE_FORMATS.includes(format))return io.stderr(`gauntlet parse: unknown format '${format}'; accepted: auto, ${RESULT_FILE_FORMATS.join(", ")}
`),ExitCode.Usage;if(positionals.length===0)return io.stderr(`gauntlet parse: no file given

${PARSE_USAGE}
`),ExitCode.Usage;let tests=[],metrics=[],sawTests=!1;for(let file of positionals)try{let parsed=await parseResultFile(file,format);parsed.kind==="tests"?(sawTests=!0,tests.push(...parsed.report.tests)):metrics.push(...parsed.report.metrics)}catch(err){return io.stderr(`gauntlet parse: ${file}: ${errorLine(err).replace(`${file}: `,"")}
`),ExitCode.Usage}let output={};return sawTests&&(output.tests=tests.map(t=>({suite:t.suite,classname:t.classname,name:t.name,status:t.status,durationMs:t.durationMs,message:t.message})),output.totals=countTests(tests)),(metrics.length>0||!sawTests)&&(output.metrics=metrics),values.json?io.stdout(`${JSON.stringify(output,null,2)}
`):io.stdout(humanSummary(tests,metrics,sawTests)),ExitCode.Ok}function humanSummary(tests,metrics,sawTests){let lines=[];if(sawTests){let t=countTests(tests);lines.push(`${t.tests} tests: ${t.passed} passed, ${t.failed} failed, ${t.errored} errored, ${t.skipped} skipped`);for(let test of tests.filter(x=>x.status==="failed"||x.status==="errored"))lines.push(`  \u2717 ${test.classname} \u203A ${test.name}${test.message?`: ${test.message.split(`
`)[0]}`:""}`)}for(let m of metrics)lines.push(`${m.name}: ${m.value} ${m.unit}${m.range?` (${m.range})`:""} [${m.direction}]`);return`${lines.join(`
`)}
`}export{PARSE_USAGE,parseCommand};
