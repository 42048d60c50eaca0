/** The yaml package's lexer tokens of a text with their offsets: what go-*.ts hold against go-yaml's scanner. */
import { CST, Lexer } from 'yaml';

/** The yaml lexer's tokens that stand for no source text (document start, flow error end, scalar prefix). */
export const VIRTUAL = new Set(['\x02', '\x18', '\x1f']);

export interface SourceToken {
  text: string;
  type: ReturnType<typeof CST.tokenType>;
  /** Its offset in the text. */
  at: number;
}

/**
 * The tokens that stand for source text, in order, with their offsets (the virtual ones left out).
 * With `flowEnds`, also where the lexer ends every open flow collection at a line less indented
 * than their block (go-yaml's flow goes on): a `flow-error-end` token of no text.
 */
export function* sourceTokens(text: string, flowEnds = false): Generator<SourceToken> {
  let at = 0;
  for (const tok of new Lexer().lex(text)) {
    if (VIRTUAL.has(tok)) {
      if (flowEnds && tok === '\x18') yield { text: '', type: 'flow-error-end', at };
      continue;
    }
    yield { text: tok, type: CST.tokenType(tok), at };
    at += tok.length;
  }
}
