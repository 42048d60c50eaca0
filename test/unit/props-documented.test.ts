/**
 * Issue 12: every public prop is documented with its default. Reads the TSDoc of every exported
 * `…Props` / `…Options` interface of the constructs with the TypeScript compiler: an optional
 * prop needs `@default`, a required one a description. The API reference (`npm run docs:api`)
 * is generated from these comments.
 */
import * as path from 'node:path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '../..');

test('every optional prop of the public props interfaces has a @default, every required one a description', () => {
  const program = ts.createProgram([path.join(ROOT, 'src/index.ts')], { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, strict: true, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const index = checker.getSymbolAtLocation(program.getSourceFile(path.join(ROOT, 'src/index.ts'))!)!;
  const missing: string[] = [];
  let checked = 0;
  for (const exp of checker.getExportsOfModule(index)) {
    const sym = exp.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exp) : exp;
    if (!(sym.flags & ts.SymbolFlags.Interface) || !/(Props|Options)$/.test(sym.name)) continue;
    const type = checker.getDeclaredTypeOfSymbol(sym);
    for (const prop of checker.getPropertiesOfType(type)) {
      checked++;
      const decl = prop.declarations?.[0];
      const optional = (prop.flags & ts.SymbolFlags.Optional) !== 0;
      const doc = ts.displayPartsToString(prop.getDocumentationComment(checker)).trim();
      const hasDefault = prop.getJsDocTags(checker).some((t) => t.name === 'default');
      if (optional ? !hasDefault : !doc && !hasDefault) missing.push(`${sym.name}.${prop.name} (${path.relative(ROOT, decl?.getSourceFile().fileName ?? '?')})`);
    }
  }
  expect(checked).toBeGreaterThan(150);
  expect(missing).toEqual([]);
});
