import { createRequire as __gauntletCreateRequire } from 'node:module';
const require = __gauntletCreateRequire(import.meta.url);
import{EmbeddedToxiproxy,TOXIPROXY_DEFAULT_PORT,ToxiproxyClient}from"./chunk-DNNMIMSA.js";import{ExitCode,errorLine}from"./chunk-OYNOACRL.js";import"./chunk-I54WY76Z.js";import{readFile}from"node:fs/promises";import{parseArgs}from"node:util";var CHAOS_USAGE=`gauntlet chaos proxy [--listen HOST:PORT] [--populate FILE.json] [--allow-remote] [--duration SECONDS]

Runs Gauntlet's embedded fault proxy on its own: Toxiproxy's HTTP API (default 127.0.0.1:${TOXIPROXY_DEFAULT_PORT}),
so toxiproxy-cli, toxiproxy-node-client and other Toxiproxy clients drive it. --populate creates the proxies of a
Toxiproxy config file ([{"name","listen","upstream"}]). Proxies listen on loopback only unless --allow-remote.
Stops on SIGINT/SIGTERM, or after --duration seconds.`;async function chaosCommand(args,io,signal){let[sub,...rest]=args;if(sub!=="proxy")return io.stderr(`gauntlet chaos: ${sub===void 0?"no subcommand":`unknown subcommand '${sub}'`}

${CHAOS_USAGE}
`),ExitCode.Usage;let values;try{values=parseArgs({args:rest,options:{listen:{type:"string",default:`127.0.0.1:${TOXIPROXY_DEFAULT_PORT}`},populate:{type:"string"},"allow-remote":{type:"boolean",default:!1},duration:{type:"string"}}}).values}catch(err){return io.stderr(`gauntlet chaos proxy: ${errorLine(err)}

${CHAOS_USAGE}
`),ExitCode.Usage}let duration=values.duration===void 0?void 0:Number(values.duration);if(duration!==void 0&&!(duration>0))return io.stderr(`gauntlet chaos proxy: --duration must be a positive number of seconds, found '${values.duration}'
`),ExitCode.Usage;let server=new EmbeddedToxiproxy({allowRemote:values["allow-remote"]}),url;try{url=await server.listen(values.listen)}catch(err){return io.stderr(`gauntlet chaos proxy: cannot listen on ${values.listen}: ${errorLine(err)}
`),ExitCode.Failed}try{if(values.populate!==void 0){let proxies;try{proxies=JSON.parse(await readFile(values.populate,"utf8"))}catch(err){return io.stderr(`gauntlet chaos proxy: ${values.populate}: ${errorLine(err)}
`),ExitCode.Usage}if(!Array.isArray(proxies))return io.stderr(`gauntlet chaos proxy: ${values.populate}: expected a JSON array of {name, listen, upstream}
`),ExitCode.Usage;let created=await new ToxiproxyClient(url).populate(proxies);for(let p of created)io.stdout(`proxy ${p.name}: ${p.listen} \u2192 ${p.upstream}
`)}return io.stdout(`gauntlet fault proxy (Toxiproxy API) listening on ${url}
`),await new Promise(resolve=>{let stop=()=>{process.off("SIGINT",stop),process.off("SIGTERM",stop),timer!==void 0&&clearTimeout(timer),resolve()},timer=duration===void 0?void 0:setTimeout(stop,duration*1e3);signal!==void 0?signal.aborted?stop():signal.addEventListener("abort",stop,{once:!0}):(process.once("SIGINT",stop),process.once("SIGTERM",stop))}),ExitCode.Ok}catch(err){return io.stderr(`gauntlet chaos proxy: ${errorLine(err)}
`),ExitCode.Failed}finally{await server.close(),io.stdout(`gauntlet fault proxy stopped
`)}}export{CHAOS_USAGE,chaosCommand};
