/** Types of scripts/precompile-templates.mjs (plain JS so the build runs on node without a loader). */
export declare const PRECOMPILED_MODULE: string
export declare function writePrecompiledTemplates(
  dir: string,
  options?: { handlebarsVersion?: string },
): Promise<void>
