import { describe, expect, it } from 'vitest'
import { loadHtmlAssets, renderHtmlReport } from '../../../src/report/html-report.js'
import { LINKS, hostileRun, onlyRegressions, testCases } from '../../fixtures/report/reports.js'

const assets = loadHtmlAssets()

function dataOf(html: string): { metrics: { key: string; changepoints: number[]; budget: number | null }[] } {
  const m = /<script type="application\/json" id="gauntlet-data">([\s\S]*?)<\/script>/.exec(html)
  return JSON.parse(m![1]!)
}

describe('renderHtmlReport', () => {
  it('inlines uPlot and our script, and forbids the network with a CSP', () => {
    expect(assets.uplotJs).not.toBeNull()
    const html = renderHtmlReport(onlyRegressions(), { assets, links: LINKS, tests: testCases(20) })
    expect(html).toContain(`content="default-src 'none'; script-src 'unsafe-inline'`)
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/)
    expect(html).toContain('uPlot')
    expect(html.match(/<tr data-status=/g)).toHaveLength(20)
  })

  it('carries series, change points and budgets for the charts, regressions first', () => {
    const data = dataOf(renderHtmlReport(onlyRegressions(), { assets }))
    expect(data.metrics.map((m) => m.key)).toEqual([
      'benchmark/kv/get/p95',
      'benchmark/kv/put/mean',
      'benchmark/kv/scan/throughput',
      'benchmark/kv/delete/mean',
    ])
    expect(data.metrics[0]).toMatchObject({ changepoints: [87], budget: 1.5 })
  })

  it('keeps hostile names inert: no tag, no script break-out, data intact', () => {
    const report = hostileRun()
    const html = renderHtmlReport(report, { assets })
    const body = html.slice(html.indexOf('<body>'), html.indexOf('<script type="application/json"'))
    expect(body).not.toMatch(/<script|<img|<h1>pwned/i)
    // Exactly our three scripts: data, uPlot, app.
    expect(html.match(/<script/g)).toHaveLength(3)
    expect(dataOf(html).metrics.map((m) => m.key)).toEqual(
      expect.arrayContaining([report.comparisons[3]!.key]),
    )
  })

  it('still renders, without charts, when uPlot is unavailable', () => {
    const html = renderHtmlReport(onlyRegressions(), { assets: { ...assets, uplotJs: null } })
    expect(html).toContain('Charts are unavailable')
    expect(html.match(/<script/g)).toHaveLength(2)
  })

  it('lists tests named by findings when the run’s test cases are not given', () => {
    const report = hostileRun()
    const html = renderHtmlReport(report, { assets })
    expect(html.match(/<tr data-status="failed">/g)).toHaveLength(report.tests.failed)
  })
})
