import { createRequire as __gauntletCreateRequire } from 'node:module';
const require = __gauntletCreateRequire(import.meta.url);
import{HistoryArtifactError,HistoryUsageError,MAX_RECORD_JSON_BYTES,createDirectoryStore,parseRunRecord}from"./chunk-IHF5SRTI.js";import{DEFAULT_RETENTION_DAYS}from"./chunk-G3AIXBP4.js";import{systemClock}from"./chunk-YVH4AY5Q.js";import"./chunk-URRS336S.js";import"./chunk-VTHRXOMS.js";import"./chunk-M3IYYOUC.js";import"./chunk-I54WY76Z.js";import{readFile,writeFile}from"node:fs/promises";import{resolve}from"node:path";import{parseArgs}from"node:util";import{gunzipSync,gzipSync}from"node:zlib";var EXPORT_FORMAT="gauntlet-history-export",DEFAULT_HISTORY_DIR=".gauntlet/history",USAGE=`usage: gauntlet history <command> [--history-dir DIR]

commands:
  show [--json]                      summarise the history in DIR
  export [--output FILE]             write every record as JSON (FILE ending .gz is gzipped; default stdout)
  import FILE                        add the records of an export (or a record, or a list of records) to DIR
  prune [--retention-days N]         delete records older than N days (default ${DEFAULT_RETENTION_DAYS})

DIR defaults to ${DEFAULT_HISTORY_DIR}.
`;function countBy(records,key){let counts=new Map;for(let r of records)counts.set(key(r),(counts.get(key(r))??0)+1);return[...counts].sort((a,b)=>b[1]-a[1]).map(([k,n])=>`${k} (${n})`).join(", ")}async function show(store,json,io){let{records,snapshot,warnings}=await store.readAll();for(let w of warnings)io.stderr(`warning: ${w}
`);let first=records[0],latest=records[records.length-1];return json?(io.stdout(`${JSON.stringify({directory:store.directory,records:records.length,snapshotRecords:snapshot?.entries.length??0,snapshotCreatedAt:snapshot?.createdAt??null,oldest:first?.run.timestamp??null,newest:latest?.run.timestamp??null,runs:records.map(r=>({runId:r.run.runId,attempt:r.run.attempt,branch:r.run.branch,event:r.run.event,sha:r.run.sha,timestamp:r.run.timestamp,tests:r.tests.length,metrics:r.metrics.length})),warnings},null,2)}
`),0):(io.stdout(`History in ${store.directory}
`),!first||!latest?(io.stdout(`  no records
`),0):(io.stdout(`  records:  ${records.length} (snapshot holds ${snapshot?.entries.length??0})
`),io.stdout(`  span:     ${first.run.timestamp} .. ${latest.run.timestamp}
`),io.stdout(`  branches: ${countBy(records,r=>r.run.branch)}
`),io.stdout(`  events:   ${countBy(records,r=>r.run.event)}
`),io.stdout(`  latest:   run ${latest.run.runId}#${latest.run.attempt} on ${latest.run.branch} (${latest.run.sha.slice(0,7)}): ${latest.tests.length} tests, ${latest.metrics.length} metrics
`),0))}async function exportTo(store,output,io){let{records,warnings}=await store.readAll();for(let w of warnings)io.stderr(`warning: ${w}
`);let text=JSON.stringify({format:EXPORT_FORMAT,version:1,records});return output?(await writeFile(output,output.endsWith(".gz")?gzipSync(text):text),io.stderr(`exported ${records.length} records to ${output}
`),0):(io.stdout(`${text}
`),0)}function recordsOfImport(raw,file){let list;if(Array.isArray(raw))list=raw;else if(typeof raw=="object"&&raw!==null&&raw.format===EXPORT_FORMAT){let inner=raw.records;if(!Array.isArray(inner))throw new HistoryUsageError(`${file}: "records" must be a list`);list=inner}else list=[raw];let records=[],warnings=[];return list.forEach((item,i)=>{try{records.push(parseRunRecord(item,`${file} record ${i+1}`))}catch(err){if(err instanceof HistoryArtifactError)warnings.push(err.message);else throw err}}),{records,warnings}}async function importFrom(store,file,io){let bytes=await readFile(file);bytes[0]===31&&bytes[1]===139&&(bytes=gunzipSync(bytes,{maxOutputLength:MAX_RECORD_JSON_BYTES*8}));let raw;try{raw=JSON.parse(bytes.toString("utf8"))}catch(err){throw new HistoryUsageError(`${file} is not JSON: ${err.message}`)}let{records,warnings}=recordsOfImport(raw,file);for(let w of warnings)io.stderr(`warning: ${w}
`);let added=await store.importRecords(records);return io.stdout(`imported ${added} new records (${records.length-added} already present, ${warnings.length} skipped)
`),warnings.length>0&&records.length===0?1:0}async function historyCommand(args,io){let parsed;try{parsed=parseArgs({args,allowPositionals:!0,options:{"history-dir":{type:"string"},json:{type:"boolean"},output:{type:"string",short:"o"},"retention-days":{type:"string"},help:{type:"boolean",short:"h"}}})}catch(err){return io.stderr(`${err.message}
${USAGE}`),2}let{values,positionals}=parsed,[command,...rest]=positionals;if(values.help||!command)return(values.help?io.stdout:io.stderr)(USAGE),values.help?0:2;let dir=resolve(typeof values["history-dir"]=="string"?values["history-dir"]:DEFAULT_HISTORY_DIR),store=createDirectoryStore({directory:dir,clock:systemClock});try{switch(command){case"show":return await show(store,values.json===!0,io);case"export":return await exportTo(store,typeof values.output=="string"?values.output:void 0,io);case"import":{let file=rest[0];if(!file)throw new HistoryUsageError("history import needs a FILE to read");return await importFrom(store,file,io)}case"prune":{let raw=typeof values["retention-days"]=="string"?values["retention-days"]:String(DEFAULT_RETENTION_DAYS),days=Number(raw);if(!Number.isInteger(days)||days<1)throw new HistoryUsageError(`--retention-days must be a whole number of days >= 1, found ${JSON.stringify(raw)}`);let{deletedFiles,snapshotRecords}=await store.prune(days);return io.stdout(`pruned ${deletedFiles} record files older than ${days} days; snapshot holds ${snapshotRecords} records
`),0}default:throw new HistoryUsageError(`unknown history command ${JSON.stringify(command)}`)}}catch(err){return err instanceof HistoryUsageError?(io.stderr(`error: ${err.message}
${USAGE}`),2):(io.stderr(`error: ${err.message}
`),1)}}export{EXPORT_FORMAT,historyCommand,recordsOfImport};
