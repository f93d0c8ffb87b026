/* global document, window, uPlot, IntersectionObserver */
// Client script of report.html: draws one uPlot chart per metric as it scrolls into view (2,000 charts at once
// would stall the page), marks change points and budgets, and filters the metric list and the test table.
// Data comes from the JSON block and only ever reaches the page through textContent.
;(function () {
  'use strict'
  var data = JSON.parse(document.getElementById('gauntlet-data').textContent)
  var container = document.getElementById('charts')

  function fmt(v, unit) {
    if (v === null || v === undefined || !isFinite(v)) return '—'
    var abs = Math.abs(v)
    var s = abs >= 1000 ? Math.round(v).toLocaleString('en-US') : Number(v.toPrecision(3)).toString()
    return unit ? s + ' ' + unit : s
  }

  function markers(m) {
    return {
      hooks: {
        draw: [
          function (u) {
            var ctx = u.ctx
            ctx.save()
            ctx.lineWidth = 2 * window.devicePixelRatio
            ctx.setLineDash([6, 4])
            ctx.strokeStyle = '#cf222e'
            m.changepoints.forEach(function (i) {
              if (m.t[i] === undefined) return
              var x = Math.round(u.valToPos(m.t[i], 'x', true))
              ctx.beginPath()
              ctx.moveTo(x, u.bbox.top)
              ctx.lineTo(x, u.bbox.top + u.bbox.height)
              ctx.stroke()
            })
            if (m.budget !== null) {
              ctx.strokeStyle = '#bf8700'
              var y = Math.round(u.valToPos(m.budget, 'y', true))
              ctx.beginPath()
              ctx.moveTo(u.bbox.left, y)
              ctx.lineTo(u.bbox.left + u.bbox.width, y)
              ctx.stroke()
            }
            ctx.restore()
          },
        ],
      },
    }
  }

  function draw(card, m) {
    if (typeof uPlot === 'undefined') return
    var xs = m.t.slice()
    var hist = m.v.slice()
    var cur = m.v.map(function () {
      return null
    })
    if (m.runTime !== null) {
      xs.push(m.runTime)
      hist.push(null)
      cur.push(m.current)
    }
    var lo = Infinity
    var hi = -Infinity
    hist.concat(cur, m.budget === null ? [] : [m.budget]).forEach(function (v) {
      if (v !== null && isFinite(v)) {
        lo = Math.min(lo, v)
        hi = Math.max(hi, v)
      }
    })
    if (!isFinite(lo)) {
      lo = 0
      hi = 1
    }
    var pad = (hi - lo) * 0.1 || Math.abs(hi) * 0.1 || 1
    var opts = {
      width: Math.min(860, card.clientWidth || 860),
      height: 220,
      plugins: [markers(m)],
      scales: { y: { range: [lo - pad, hi + pad] } },
      axes: [
        {},
        {
          size: 70,
          values: function (u, vals) {
            return vals.map(function (v) {
              return fmt(v, '')
            })
          },
        },
      ],
      series: [
        {},
        { label: 'history', stroke: '#0969da', width: 2, points: { show: xs.length < 120 }, spanGaps: true },
        { label: 'this run', stroke: '#cf222e', points: { show: true, size: 10, fill: '#cf222e' }, width: 0 },
      ],
    }
    new uPlot(opts, [xs, hist, cur], card.querySelector('.chart'))
  }

  var observer =
    typeof IntersectionObserver === 'undefined'
      ? null
      : new IntersectionObserver(
          function (entries) {
            entries.forEach(function (entry) {
              if (!entry.isIntersecting || entry.target.dataset.drawn) return
              entry.target.dataset.drawn = '1'
              observer.unobserve(entry.target)
              draw(entry.target, data.metrics[Number(entry.target.dataset.index)])
            })
          },
          { rootMargin: '400px' },
        )

  data.metrics.forEach(function (m, i) {
    var card = document.createElement('div')
    card.className = 'metric verdict-' + m.verdict
    card.dataset.index = String(i)
    card.dataset.key = m.key.toLowerCase()
    var h = document.createElement('h3')
    h.textContent = m.key
    var p = document.createElement('p')
    p.className = 'numbers'
    var delta =
      m.deltaPct === null
        ? ''
        : ' · Δ (worse is +) ' + (m.deltaPct > 0 ? '+' : '') + m.deltaPct.toFixed(1) + ' %'
    p.textContent =
      m.verdict +
      ' · current ' +
      fmt(m.current, m.unit) +
      ' · baseline ' +
      fmt(m.baseline, m.unit) +
      delta +
      (m.budget === null ? '' : ' · budget ' + fmt(m.budget, m.unit)) +
      (m.changepoints.length
        ? ' · change points: ' +
          m.changepoints
            .map(function (i) {
              return m.sha[i]
            })
            .join(', ')
        : '') +
      ' · ' +
      m.t.length +
      ' points'
    var chart = document.createElement('div')
    chart.className = 'chart'
    card.appendChild(h)
    card.appendChild(p)
    card.appendChild(chart)
    container.appendChild(card)
    if (m.t.length === 0) return
    if (observer) observer.observe(card)
    else draw(card, m)
  })

  var metricFilter = document.getElementById('metric-filter')
  metricFilter.addEventListener('input', function () {
    var q = metricFilter.value.toLowerCase()
    Array.prototype.forEach.call(container.children, function (card) {
      card.hidden = q !== '' && card.dataset.key.indexOf(q) === -1
    })
  })

  var rows = document.querySelectorAll('#test-table tbody tr')
  var boxes = document.querySelectorAll('#test-filters input[name=status]')
  var text = document.getElementById('test-filter')
  var count = document.getElementById('test-count')
  function filterTests() {
    var allowed = {}
    Array.prototype.forEach.call(boxes, function (b) {
      allowed[b.value] = b.checked
    })
    var q = text.value.toLowerCase()
    var shown = 0
    Array.prototype.forEach.call(rows, function (row) {
      var ok =
        allowed[row.dataset.status] !== false && (q === '' || row.textContent.toLowerCase().indexOf(q) !== -1)
      row.hidden = !ok
      if (ok) shown++
    })
    count.textContent = 'showing ' + shown + ' of ' + rows.length
  }
  Array.prototype.forEach.call(boxes, function (b) {
    b.addEventListener('change', filterTests)
  })
  text.addEventListener('input', filterTests)
  filterTests()
})()
