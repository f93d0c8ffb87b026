import { createRequire as __gauntletCreateRequire } from 'node:module';
const require = __gauntletCreateRequire(import.meta.url);
import {
  analyseAndPublish,
  collectStages,
  runPipeline
} from "./chunk-SLFRS73G.js";
import "./chunk-GSSCJ2FI.js";
import "./chunk-FTLZX6OI.js";
import "./chunk-K5KL6JEE.js";
import "./chunk-7OZYSOVE.js";
import "./chunk-OCDTSL2M.js";
import "./chunk-BHEMVDQC.js";
import "./chunk-PMRQHYNL.js";
import "./chunk-DV3L4MQX.js";
import "./chunk-HDJPLI3S.js";
import "./chunk-MKFOCXAI.js";
import "./chunk-2LYZDNKG.js";
import "./chunk-XIMRZTNP.js";
import "./chunk-BH6AH3DN.js";
import "./chunk-IXITZCPI.js";
import "./chunk-U2O3BTYX.js";
import "./chunk-LLLGGWG3.js";
import "./chunk-IGAZOIB7.js";
import "./chunk-5GJBEOA2.js";
import "./chunk-A2Q6GNIY.js";
import "./chunk-ZAQXCPAF.js";
export {
  analyseAndPublish,
  collectStages,
  runPipeline
};
