/**
 * Reads the Python `prettyprinter` reprs in the corpus's `.results` / `.exception` files
 * (`publish.unittestresults.ParsedUnitTestResults(files=1, cases=[UnitTestCase(...)])`) into plain values.
 * Supports what those files use: calls with positional and keyword arguments, lists, tuples, dicts, strings with
 * Python escapes (adjacent literals concatenated, as Python does), ints, floats, nan/inf, None, True, False.
 */

/** A call such as `UnitTestCase(test_name='x')`. */
export interface PyCall {
  readonly kind: 'call'
  readonly callee: string
  readonly args: readonly PyValue[]
  readonly kwargs: Readonly<Record<string, PyValue>>
}
export type PyValue =
  string | number | boolean | null | PyCall | readonly PyValue[] | { readonly [k: string]: PyValue }

/** Parses one Python repr expression. Throws with the offset on anything unexpected. */
export function parsePythonRepr(text: string): PyValue {
  let i = 0
  const fail = (what: string): never => {
    throw new Error(`python repr: ${what} at offset ${i}: ${JSON.stringify(text.slice(i, i + 40))}`)
  }
  const ws = (): void => {
    while (i < text.length && /\s/.test(text[i]!)) i++
  }
  const stringLiteral = (): string => {
    const prefix = /^[rbuRBU]*/.exec(text.slice(i, i + 2))![0]
    const raw = /r/i.test(prefix)
    i += prefix.length
    const quote = text[i]!
    const triple = text.startsWith(quote.repeat(3), i)
    const delim = triple ? quote.repeat(3) : quote
    i += delim.length
    let out = ''
    for (;;) {
      if (i >= text.length) fail('unterminated string')
      if (text.startsWith(delim, i)) {
        i += delim.length
        return out
      }
      const c = text[i]!
      if (c === '\\' && !raw) {
        const e = text[i + 1]!
        i += 2
        const simple: Record<string, string> = {
          n: '\n',
          t: '\t',
          r: '\r',
          '\\': '\\',
          "'": "'",
          '"': '"',
          a: '\x07',
          b: '\b',
          f: '\f',
          v: '\v',
          '0': '\0',
          '\n': '',
        }
        if (e === 'x' || e === 'u' || e === 'U') {
          const len = e === 'x' ? 2 : e === 'u' ? 4 : 8
          out += String.fromCodePoint(Number.parseInt(text.slice(i, i + len), 16))
          i += len
        } else if (/[0-7]/.test(e) && /[0-7]/.test(text[i] ?? '')) {
          let digits = e
          while (digits.length < 3 && /[0-7]/.test(text[i] ?? '')) digits += text[i++]
          out += String.fromCharCode(Number.parseInt(digits, 8))
        } else if (e in simple) out += simple[e]
        else out += '\\' + e
      } else {
        out += c
        i++
      }
    }
  }
  const value = (): PyValue => {
    ws()
    const c = text[i]
    if (c === undefined) return fail('unexpected end')
    if (c === "'" || c === '"' || (/[rbuRBU]/.test(c) && /['"]/.test(text[i + 1] ?? ''))) {
      let s = stringLiteral()
      // Adjacent literals concatenate: 'abc' \n 'def'.
      for (;;) {
        const save = i
        ws()
        const d = text[i]
        if (d === "'" || d === '"') s += stringLiteral()
        else {
          i = save
          return s
        }
      }
    }
    if (c === '[' || c === '(') {
      const close = c === '[' ? ']' : ')'
      i++
      const items: PyValue[] = []
      for (;;) {
        ws()
        if (text[i] === close) {
          i++
          return items
        }
        items.push(value())
        ws()
        if (text[i] === ',') i++
        else if (text[i] !== close) fail(`expected , or ${close}`)
      }
    }
    if (c === '{') {
      i++
      const obj: Record<string, PyValue> = {}
      for (;;) {
        ws()
        if (text[i] === '}') {
          i++
          return obj
        }
        const k = value()
        ws()
        if (text[i] !== ':') fail('expected :')
        i++
        obj[typeof k === 'string' || typeof k === 'number' ? String(k) : JSON.stringify(k)] = value()
        ws()
        if (text[i] === ',') i++
      }
    }
    const num = /^-?(?:\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+)/.exec(text.slice(i, i + 40))
    if (num) {
      i += num[0].length
      return Number(num[0])
    }
    const ident = /^[A-Za-z_][\w.]*/.exec(text.slice(i, i + 200))
    if (!ident) return fail('unexpected character')
    i += ident[0].length
    const name = ident[0]
    ws()
    if (text[i] !== '(') {
      if (name === 'None') return null
      if (name === 'True') return true
      if (name === 'False') return false
      if (name === 'nan') return NaN
      if (name === 'inf') return Infinity
      return fail(`unknown name ${name}`)
    }
    i++
    const args: PyValue[] = []
    const kwargs: Record<string, PyValue> = {}
    for (;;) {
      ws()
      if (text[i] === ')') {
        i++
        return { kind: 'call', callee: name, args, kwargs }
      }
      const kw = /^([A-Za-z_]\w*)\s*=(?!=)/.exec(text.slice(i, i + 100))
      if (kw) {
        i += kw[0].length
        kwargs[kw[1]!] = value()
      } else args.push(value())
      ws()
      if (text[i] === ',') i++
      else if (text[i] !== ')') fail('expected , or )')
    }
  }
  const result = value()
  ws()
  if (i !== text.length) fail('trailing text')
  return result
}

/** Narrows a value to a call, optionally checking the callee's last name. */
export function asCall(value: PyValue | undefined, name?: string): PyCall {
  if (
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    (value as PyCall).kind !== 'call'
  ) {
    throw new Error(`python repr: expected a call${name ? ` to ${name}` : ''}`)
  }
  const call = value as PyCall
  if (name && !call.callee.endsWith(name))
    throw new Error(`python repr: expected ${name}, got ${call.callee}`)
  return call
}
