// Validates CSAF 2.0 documents with the reference validator: the strict JSON schema and every mandatory test (6.1.x).
// Usage: node validate.mjs FILE.json [...]. Prints one JSON line per document; exit 0 when all pass, 1 when any fails, 2 on misuse.
import { readFile } from 'node:fs/promises'
import validate from '@secvisogram/csaf-validator-lib/validate.js'
import * as schemaTests from '@secvisogram/csaf-validator-lib/schemaTests.js'
import * as mandatoryTests from '@secvisogram/csaf-validator-lib/mandatoryTests.js'

const files = process.argv.slice(2)
if (files.length === 0) {
  console.error('usage: node validate.mjs FILE.json [...]')
  process.exit(2)
}

const tests = [schemaTests.csaf_2_0_strict, ...Object.values(mandatoryTests)]
let allValid = true
for (const file of files) {
  const document = JSON.parse(await readFile(file, 'utf8'))
  const result = await validate(tests, document)
  const failures = result.tests
    .filter((t) => !t.isValid || t.errors.length > 0)
    .map((t) => ({ test: t.name, errors: t.errors.map((e) => `${e.instancePath}: ${e.message}`) }))
  allValid = allValid && result.isValid
  console.log(JSON.stringify({ file, isValid: result.isValid, testsRun: result.tests.length, failures }))
}
process.exit(allValid ? 0 : 1)
