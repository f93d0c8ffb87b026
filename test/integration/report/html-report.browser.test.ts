// report.html in a real headless Chromium (Debian's package, driven by playwright-core): renders without console
// errors or network requests, draws the charts, and the test filter works. Skipped when Chromium is absent.

import { existsSync } from 'node:fs'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium } from 'playwright-core'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderHtmlReport } from '../../../src/report/html-report.js'
import { LINKS, onlyRegressions, testCases } from '../../fixtures/report/reports.js'

/** Env var naming another Chromium binary; Debian's package path by default. */
const CHROMIUM_PATH = process.env.GAUNTLET_CHROMIUM ?? '/usr/bin/chromium'
const available = existsSync(CHROMIUM_PATH)
if (!available) {
  console.log(
    `report.html browser test skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)`,
  )
}

describe.skipIf(!available)('report.html in headless Chromium', () => {
  let browser: Browser
  let dir: string

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    })
    dir = await mkdtemp(path.join(tmpdir(), 'gauntlet-html-'))
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
  })

  it('renders without console errors, draws every chart and filters tests', async () => {
    const file = path.join(dir, 'report.html')
    await writeFile(file, renderHtmlReport(onlyRegressions(), { links: LINKS, tests: testCases(70) }))
    const page = await browser.newPage({ viewport: { width: 1200, height: 2400 } })
    const errors: string[] = []
    const requests: string[] = []
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(msg.text())
    })
    page.on('pageerror', (err) => errors.push(err.message))
    page.on('request', (req) => {
      if (!req.url().startsWith('file:')) requests.push(req.url())
    })
    await page.goto(pathToFileURL(file).href)
    // Four metrics with history; uPlot draws one canvas per chart as it scrolls into view.
    await page.waitForFunction("document.querySelectorAll('#charts canvas').length === 4", undefined, {
      timeout: 10_000,
    })
    expect(await page.locator('#charts .metric h3').allTextContents()).toEqual([
      'benchmark/kv/get/p95',
      'benchmark/kv/put/mean',
      'benchmark/kv/scan/throughput',
      'benchmark/kv/delete/mean',
    ])

    await expect.poll(() => page.locator('#test-count').textContent()).toBe('showing 70 of 70')
    await page.locator('#test-filters input[value="passed"]').uncheck()
    // 70 cases cycle through 7 statuses, 3 of them `passed`: 30 passed rows hide.
    await expect.poll(() => page.locator('#test-count').textContent()).toBe('showing 40 of 70')
    expect(await page.locator('#test-table tbody tr:not([hidden])[data-status="passed"]').count()).toBe(0)
    await page.locator('#test-filter').fill('case 3')
    const shown = await page.locator('#test-table tbody tr:not([hidden]) td:nth-child(2)').allTextContents()
    expect(shown.length).toBeGreaterThan(0)
    for (const name of shown) expect(name).toContain('case 3')

    await page.locator('#metric-filter').fill('scan')
    await expect
      .poll(() => page.locator('#charts .metric:not([hidden]) h3').allTextContents())
      .toEqual(['benchmark/kv/scan/throughput'])
    await page.locator('#metric-filter').fill('')

    const screenshot = path.join(dir, 'report.png')
    await page.locator('#metrics').screenshot({ path: screenshot })
    console.log(`report.html screenshot: ${screenshot}`)
    expect(errors, 'console errors in report.html').toEqual([])
    expect(requests, 'network requests from report.html').toEqual([])
    await page.close()
  }, 60_000)
})
