#!/usr/bin/env node
import { createRequire as __gauntletCreateRequire } from 'node:module';
const require = __gauntletCreateRequire(import.meta.url);
import{ExitCode,errorLine}from"./chunk-OYNOACRL.js";import"./chunk-I54WY76Z.js";var COMMANDS={run:{load:async()=>(await import("./run-4Y2KMQCE.js")).runCommand,help:"run the stages, compare with history, report and alert"},validate:{load:async()=>(await import("./validate-A5WRLNUC.js")).validateCommand,help:"check a config file and list every problem"},parse:{load:async()=>(await import("./parse-FPKJA5WY.js")).parseCommand,help:"parse test reports or benchmark outputs (--json: the public contract)"},analyze:{load:async()=>(await import("./analyze-ZF5DV2HL.js")).analyzeCommand,help:"analyse a run record against a history directory"},changepoints:{load:async()=>(await import("./changepoints-IQCTQ5W6.js")).changepointsCommand,help:'find change points in a series ({"values":[\u2026]})'},history:{load:async()=>(await import("./history-XKR35XZR.js")).historyCommand,help:"show | export | import | prune the local history"},chaos:{load:async()=>(await import("./chaos-RNVXTMC6.js")).chaosCommand,help:"run the embedded Toxiproxy-compatible fault proxy"}},USAGE=`gauntlet <command> [options]

Commands:
${Object.entries(COMMANDS).map(([name,c])=>`  ${name.padEnd(13)}${c.help}`).join(`
`)}

Run 'gauntlet <command> --help' for a command's options.`,defaultIo={stdout:text=>process.stdout.write(text),stderr:text=>process.stderr.write(text)};async function main(argv,io=defaultIo){let[name,...rest]=argv;if(name===void 0||name==="--help"||name==="-h"||name==="help")return io.stdout(`${USAGE}
`),name===void 0?ExitCode.Usage:ExitCode.Ok;let command=COMMANDS[name];if(command===void 0)return io.stderr(`gauntlet: unknown command '${name}'

${USAGE}
`),ExitCode.Usage;try{return await(await command.load())(rest,io)}catch(err){return io.stderr(`gauntlet ${name}: ${errorLine(err)}
`),ExitCode.Usage}}process.exitCode=await main(process.argv.slice(2));
