package org.lemongate.mime;

/**
 * A lenient lexer over the octet string of a structured header value: the lexical tokens of
 * RFC 5322 §3.2 (atoms, quoted strings, comments, domain literals) and, with other specials, the
 * tokens of RFC 2045 §5.1. It never fails: an unterminated quoted string or comment runs to the
 * end of the value.
 */
final class HeaderLexer {

  /** The characters that end an atom or token. */
  enum Specials {
    /** RFC 5322 §3.2.3 specials. */
    RFC5322("()<>[]:;@\\,.\""),
    /** RFC 2045 §5.1 tspecials. */
    MIME("()<>@,;:\\\"/[]?=");

    private final boolean[] ascii = new boolean[0x80];

    Specials(String chars) {
      chars.chars().forEach(c -> ascii[c] = true);
    }

    boolean contains(char c) {
      return c < 0x80 && ascii[c];
    }
  }

  private final String s;
  private final Specials specials;
  private int pos;
  private String lastComment;

  HeaderLexer(String value, Specials specials) {
    this.s = value;
    this.specials = specials;
  }

  boolean atEnd() {
    return pos >= s.length();
  }

  char peek() {
    return s.charAt(pos);
  }

  boolean peekIs(char c) {
    return pos < s.length() && s.charAt(pos) == c;
  }

  /** Consumes {@code c} if it is next. */
  boolean consume(char c) {
    if (peekIs(c)) {
      pos++;
      return true;
    }
    return false;
  }

  void advance() {
    pos++;
  }

  /** Skips white space and comments; returns true if it skipped anything. */
  boolean skipCfws() {
    int before = pos;
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (isWhite(c)) {
        pos++;
      } else if (c == '(') {
        lastComment = comment();
      } else {
        break;
      }
    }
    return pos > before;
  }

  /** The text of the last comment skipped, without its parentheses, or null. */
  String lastComment() {
    return lastComment;
  }

  /** A run of characters that are neither specials, white space nor controls; "" if none. */
  String atom() {
    int start = pos;
    while (pos < s.length() && isAtomChar(s.charAt(pos))) {
      pos++;
    }
    return s.substring(start, pos);
  }

  /** A quoted string at the current position (which must be '"'), with the quoting removed. */
  String quotedString() {
    StringBuilder sb = new StringBuilder();
    pos++;
    while (pos < s.length()) {
      char c = s.charAt(pos++);
      if (c == '"') {
        break;
      }
      if (c == '\\' && pos < s.length()) {
        c = s.charAt(pos++);
      }
      sb.append(c);
    }
    return sb.toString();
  }

  /** A domain literal at the current position (which must be '['), brackets included. */
  String domainLiteral() {
    int start = pos;
    int close = s.indexOf(']', pos);
    pos = close < 0 ? s.length() : close + 1;
    return s.substring(start, pos);
  }

  /**
   * A lenient parameter value: a run up to ';', white space, '(' or '"'. Real mail carries
   * unquoted values that break RFC 2045's token rule, such as {@code boundary=----=_Part_1}.
   */
  String looseToken() {
    int start = pos;
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c == ';' || c == '(' || c == '"' || isWhite(c)) {
        break;
      }
      pos++;
    }
    return s.substring(start, pos);
  }

  /** Skips to just past the next {@code c} outside quoted strings and comments, or to the end. */
  void skipPast(char c) {
    while (pos < s.length()) {
      char d = s.charAt(pos);
      if (d == '"') {
        quotedString();
      } else if (d == '(') {
        comment();
      } else {
        pos++;
        if (d == c) {
          return;
        }
      }
    }
  }

  private String comment() {
    StringBuilder sb = new StringBuilder();
    int depth = 0;
    while (pos < s.length()) {
      char c = s.charAt(pos++);
      if (c == '\\' && pos < s.length()) {
        sb.append(s.charAt(pos++));
        continue;
      }
      if (c == '(') {
        depth++;
        if (depth == 1) {
          continue;
        }
      } else if (c == ')') {
        depth--;
        if (depth == 0) {
          break;
        }
      }
      sb.append(c);
    }
    return sb.toString().strip();
  }

  private boolean isAtomChar(char c) {
    return c > ' ' && c != 0x7F && !specials.contains(c);
  }

  static boolean isWhite(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }
}
