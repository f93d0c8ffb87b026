import { createRequire as __gauntletCreateRequire } from 'node:module';
const require = __gauntletCreateRequire(import.meta.url);
var ExitCode={Ok:0,Failed:1,Usage:2};function errorLine(err){return(err instanceof Error?err.message:String(err)).replace(/\s*\n\s*/g," ").trim()}export{ExitCode,errorLine};
