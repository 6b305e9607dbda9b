package org.lemongate.mime;

import java.util.ArrayList;
import java.util.List;

/**
 * A lenient parser for RFC 5322 §3.4 address lists, producing ENVELOPE addresses. It recovers at
 * every comma, so one broken address does not hide the others, and fills what is missing with
 * Dovecot's placeholders ({@link Address#MISSING_MAILBOX}, {@link Address#MISSING_DOMAIN}).
 */
final class AddressParser {

  private enum Kind { WORD, QUOTED, LITERAL, SPECIAL, COMMENT }

  /** A lexical token; {@code spaceBefore} tells whether white space or a comment preceded it. */
  private record Token(Kind kind, String text, boolean spaceBefore) {
    boolean is(char c) {
      return kind == Kind.SPECIAL && text.charAt(0) == c;
    }
  }

  private final List<Token> tokens;
  private int pos;

  private AddressParser(List<Token> tokens) {
    this.tokens = tokens;
  }

  /** The addresses of one header value (an octet string); empty when it holds none. */
  static List<Address> parse(String value) {
    return new AddressParser(tokenize(value)).list();
  }

  private List<Address> list() {
    List<Address> out = new ArrayList<>();
    while (pos < tokens.size()) {
      Token t = tokens.get(pos);
      if (t.is(',') || t.is(';') || t.is('>') || t.kind == Kind.COMMENT) {
        pos++;
        continue;
      }
      int colon = groupColon();
      if (colon >= 0) {
        group(colon, out);
      } else {
        mailbox(out);
      }
    }
    return out;
  }

  /** The index of the ':' that makes the tokens at {@code pos} a group, or -1. */
  private int groupColon() {
    boolean phrase = false;
    for (int i = pos; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.is(':')) {
        return phrase ? i : -1;
      }
      if (t.kind == Kind.SPECIAL && !t.is('.')) {
        return -1;
      }
      phrase |= t.kind != Kind.COMMENT;
    }
    return -1;
  }

  private void group(int colon, List<Address> out) {
    out.add(Address.groupStart(phrase(pos, colon)));
    pos = colon + 1;
    while (pos < tokens.size() && !tokens.get(pos).is(';')) {
      if (tokens.get(pos).is(',') || tokens.get(pos).kind == Kind.COMMENT) {
        pos++;
      } else {
        mailbox(out);
      }
    }
    pos++; // the ';', if any
    out.add(Address.groupEnd());
  }

  /** Parses one mailbox, up to the ',' or ';' that ends it. */
  private void mailbox(List<Address> out) {
    int start = pos;
    int angle = -1;
    boolean inAngle = false;
    boolean inRoute = false;
    for (; pos < tokens.size(); pos++) {
      Token t = tokens.get(pos);
      if ((t.is(',') && !inRoute) || (t.is(';') && !inAngle)) {
        break;
      }
      if (t.is('<') && angle < 0) {
        angle = pos;
        inAngle = true;
        inRoute = pos + 1 < tokens.size() && tokens.get(pos + 1).is('@');
      } else if (t.is(':')) {
        inRoute = false;
      } else if (t.is('>')) {
        inAngle = false;
        inRoute = false;
      }
    }
    Address address = angle >= 0 ? nameAddr(start, angle, pos) : addrSpecOnly(start, pos);
    if (address != null) {
      out.add(address);
    }
  }

  /** {@code [display-name] "<" [route ":"] addr-spec ">"}, RFC 5322 §3.4 and §4.4. */
  private Address nameAddr(int start, int angle, int end) {
    int close = indexOf('>', angle + 1, end);
    int specStart = angle + 1;
    String route = null;
    if (specStart < close && tokens.get(specStart).is('@')) {
      int colon = indexOf(':', specStart, close);
      if (colon < close) {
        route = joined(specStart, colon);
        specStart = colon + 1;
      }
    }
    String name = phrase(start, angle);
    if (name == null) {
      name = lastComment(start, end);
    }
    return address(name, route, specStart, close);
  }

  private Address addrSpecOnly(int start, int end) {
    boolean empty = true;
    for (int i = start; i < end; i++) {
      empty &= tokens.get(i).kind == Kind.COMMENT;
    }
    return empty ? null : address(lastComment(start, end), null, start, end);
  }

  private Address address(String name, String route, int from, int to) {
    int at = indexOf('@', from, to);
    String local = localPart(from, at);
    String domain = at < to ? joined(at + 1, to) : "";
    return new Address(name, route,
        local.isEmpty() ? Address.MISSING_MAILBOX : local,
        domain.isEmpty() ? Address.MISSING_DOMAIN : domain);
  }

  /**
   * A display name or group name: words with quoting removed, joined by one space where the
   * message had white space; null if there are none.
   */
  private String phrase(int from, int to) {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < to; i++) {
      Token t = tokens.get(i);
      if (t.kind == Kind.COMMENT) {
        continue;
      }
      if (sb.length() > 0 && t.spaceBefore) {
        sb.append(' ');
      }
      sb.append(t.text);
    }
    return sb.length() == 0 ? null : sb.toString();
  }

  /** A local part with quoting and CFWS removed: {@code john . "q r"} gives {@code john.q r}. */
  private String localPart(int from, int to) {
    StringBuilder sb = new StringBuilder();
    Token previous = null;
    for (int i = from; i < to; i++) {
      Token t = tokens.get(i);
      if (t.kind == Kind.COMMENT) {
        continue;
      }
      boolean glued = previous == null || previous.is('.') || t.is('.');
      if (!glued && t.spaceBefore) {
        sb.append(' ');
      }
      sb.append(t.text);
      previous = t;
    }
    return sb.toString();
  }

  /** The texts of the tokens without comments or white space: domains and routes. */
  private String joined(int from, int to) {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < to; i++) {
      if (tokens.get(i).kind != Kind.COMMENT) {
        sb.append(tokens.get(i).text);
      }
    }
    return sb.toString();
  }

  private String lastComment(int from, int to) {
    for (int i = to - 1; i >= from; i--) {
      Token t = tokens.get(i);
      if (t.kind == Kind.COMMENT && !t.text.isEmpty()) {
        return t.text;
      }
    }
    return null;
  }

  /** The index of special {@code c} in {@code [from, to)}, or {@code to}. */
  private int indexOf(char c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (tokens.get(i).is(c)) {
        return i;
      }
    }
    return to;
  }

  private static List<Token> tokenize(String value) {
    List<Token> tokens = new ArrayList<>();
    HeaderLexer lexer = new HeaderLexer(value, HeaderLexer.Specials.RFC5322);
    boolean space = false;
    while (!lexer.atEnd()) {
      char c = lexer.peek();
      if (HeaderLexer.isWhite(c)) {
        lexer.advance();
        space = true;
        continue;
      }
      Token token;
      if (c == '(') {
        lexer.skipCfws();
        tokens.add(new Token(Kind.COMMENT, lexer.lastComment(), space));
        space = true;
        continue;
      } else if (c == '"') {
        token = new Token(Kind.QUOTED, lexer.quotedString(), space);
      } else if (c == '[') {
        token = new Token(Kind.LITERAL, lexer.domainLiteral(), space);
      } else if (HeaderLexer.Specials.RFC5322.contains(c)) {
        lexer.advance();
        token = new Token(Kind.SPECIAL, String.valueOf(c), space);
      } else {
        String atom = lexer.atom();
        if (atom.isEmpty()) {
          lexer.advance(); // a control character: no meaning in an address
          continue;
        }
        token = new Token(Kind.WORD, atom, space);
      }
      tokens.add(token);
      space = false;
    }
    return tokens;
  }
}
