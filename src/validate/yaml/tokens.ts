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

/** The tokens that stand for source text, in order, with their offsets (the virtual ones left out). */
export function* sourceTokens(text: string): Generator<SourceToken> {
  let at = 0;
  for (const tok of new Lexer().lex(text)) {
    if (VIRTUAL.has(tok)) continue;
    yield { text: tok, type: CST.tokenType(tok), at };
    at += tok.length;
  }
}
