import { describe, expect, it } from 'vitest'
import { planAnnotations } from '../../../src/report/annotations.js'
import type { Finding } from '../../../src/model/finding.js'
import { hugeRun, onlyFailures, onlyRegressions } from '../../fixtures/report/reports.js'

describe('planAnnotations', () => {
  it('annotates failing tests at file:line with the rule and the first message lines', () => {
    const plan = planAnnotations(onlyFailures().findings)
    expect(plan.summarised).toBe(0)
    expect(plan.summary).toBeNull()
    expect(plan.annotations[0]).toEqual({
      level: 'error',
      file: 'test/store/store-1.test.ts',
      line: 11,
      title: 'New test failure: Store › returns 1 items',
      message:
        'fails here, passed on main\nAssertionError: expected 3 to be 4\n  at Store.get (src/store.ts:41:11)\n  at test/store/store-1.test.ts:11:5',
    })
    expect(plan.annotations.map((a) => a.title)).toEqual([
      'New test failure: Store › returns 1 items',
      'New test failure: Store › returns 2 items',
      'Test still failing: Store › returns 3 items',
      'Stage failed: integration stage failed',
    ])
  })

  it('stays within 10 errors and 10 warnings per step and summarises the rest', () => {
    const plan = planAnnotations(hugeRun().findings)
    const errors = plan.annotations.filter((a) => a.level === 'error')
    const warnings = plan.annotations.filter((a) => a.level === 'warning')
    expect(errors).toHaveLength(10)
    expect(warnings).toHaveLength(10)
    // Errors: new test failures first, even though regressions come first in the findings.
    expect(errors.every((a) => a.title.startsWith('New test failure'))).toBe(true)
    const annotatable = hugeRun().findings.filter((f) => f.severity !== 'info').length
    expect(plan.summarised).toBe(annotatable - 20)
    expect(plan.summary).toBe(
      `${annotatable - 20} more findings not annotated (GitHub shows 10 errors and 10 warnings per step); see the job summary.`,
    )
  })

  it('honours custom limits and leaves info findings out', () => {
    const plan = planAnnotations(onlyRegressions().findings, { error: 1, warning: 0, notice: 0 })
    expect(plan.annotations).toHaveLength(1)
    expect(plan.summarised).toBe(2) // one more error, one warning; the improvement (info) is not annotated
  })

  it.each([
    ['../../etc/passwd', undefined],
    ['/abs/path.ts', 'abs/path.ts'],
    ['.\\win\\path.ts', 'win/path.ts'],
  ])('keeps annotation paths inside the workspace: %j → %j', (file, expected) => {
    const finding: Finding = {
      id: 'x',
      kind: 'test-new-failure',
      severity: 'error',
      title: 't\nwith newline',
      reason: 'r',
      subject: { type: 'test', key: 'k' },
      location: { file, line: 3 },
    }
    const [a] = planAnnotations([finding]).annotations
    expect(a?.file).toBe(expected)
    expect(a?.line).toBe(expected === undefined ? undefined : 3)
    expect(a?.title).toBe('New test failure: t with newline')
  })
})
