/*
 * The journal of one experiment (after Chaos Toolkit's): what was done and seen, when, written for every experiment
 * whatever its outcome. Events are bounded so a long run cannot grow it without limit.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Clock } from '../model/clock.js'
import type { Scheduler } from './scheduler.js'

export const JOURNAL_VERSION = 1
const MAX_EVENTS = 5000

export type JournalEventKind =
  'phase' | 'fault' | 'probe-round' | 'command' | 'rollback' | 'lift' | 'error' | 'note'

export interface JournalEvent {
  /** Milliseconds since the experiment started. */
  readonly t: number
  /** Wall-clock time (ISO 8601). */
  readonly at: string
  readonly kind: JournalEventKind
  readonly message: string
  readonly data?: unknown
}

/** Collects events in memory; `write` puts them, with the summary, in one JSON file. */
export class Journal {
  private readonly events: JournalEvent[] = []
  private dropped = 0
  private readonly startMs: number
  private readonly startedAt: string

  constructor(
    private readonly scheduler: Scheduler,
    private readonly clock: Clock,
  ) {
    this.startMs = scheduler.now()
    this.startedAt = clock.now().toISOString()
  }

  record(kind: JournalEventKind, message: string, data?: unknown): void {
    if (this.events.length >= MAX_EVENTS) {
      this.dropped++
      return
    }
    const t = Math.round(this.scheduler.now() - this.startMs)
    this.events.push({
      t,
      at: this.clock.now().toISOString(),
      kind,
      message,
      ...(data === undefined ? {} : { data }),
    })
  }

  /** Events so far (for tests and summaries). */
  get entries(): readonly JournalEvent[] {
    return this.events
  }

  /** Writes the journal as JSON to `file` (folders created); returns the path. */
  async write(file: string, summary: Record<string, unknown>): Promise<string> {
    await mkdir(path.dirname(file), { recursive: true })
    const doc = {
      'journal-version': JOURNAL_VERSION,
      ...summary,
      started: this.startedAt,
      ended: this.clock.now().toISOString(),
      events: this.events,
      'events-dropped': this.dropped,
    }
    await writeFile(file, `${JSON.stringify(doc, null, 2)}\n`, 'utf8')
    return file
  }
}
