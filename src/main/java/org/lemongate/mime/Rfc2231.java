package org.lemongate.mime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Joins RFC 2231 §3 parameter continuations ({@code name*0=..; name*1=..}), as Dovecot does for
 * BODYSTRUCTURE: the segments are concatenated in index order; if any segment is encoded
 * ({@code name*N*}) the result is the encoded parameter {@code name*} and plain segments are
 * percent-encoded to fit in it. Encoded values are not decoded: clients decode {@code name*}.
 */
final class Rfc2231 {

  private static final String HEX = "0123456789ABCDEF";

  private Rfc2231() {}

  /** Joins continuations; then keeps the first parameter of each name (ignoring case). */
  static List<Parameter> join(List<Parameter> parameters) {
    Map<String, Object> byName = new LinkedHashMap<>();
    for (Parameter p : parameters) {
      Segment segment = Segment.of(p);
      if (segment == null) {
        byName.putIfAbsent(Octets.lowerAscii(p.name()), p);
      } else {
        Object slot = byName.computeIfAbsent(Octets.lowerAscii(segment.base) + "*",
            k -> new Segments(segment.base));
        if (slot instanceof Segments segments) {
          segments.byIndex.putIfAbsent(segment.index, segment);
        }
      }
    }
    List<Parameter> joined = new ArrayList<>();
    Map<String, Boolean> seen = new LinkedHashMap<>();
    for (Object slot : byName.values()) {
      Parameter p = slot instanceof Segments segments ? segments.join() : (Parameter) slot;
      if (seen.putIfAbsent(Octets.lowerAscii(p.name()), true) == null) {
        joined.add(p);
      }
    }
    return joined;
  }

  /** One {@code name*N} or {@code name*N*} parameter. */
  private record Segment(String base, int index, boolean encoded, String value) {

    static Segment of(Parameter p) {
      String name = p.name();
      int star = name.indexOf('*');
      if (star <= 0 || star == name.length() - 1) {
        return null;
      }
      String rest = name.substring(star + 1);
      boolean encoded = rest.endsWith("*");
      String digits = encoded ? rest.substring(0, rest.length() - 1) : rest;
      boolean number = !digits.isEmpty() && digits.length() <= 4
          && digits.chars().allMatch(c -> c >= '0' && c <= '9');
      if (!number) {
        return null;
      }
      return new Segment(name.substring(0, star), Integer.parseInt(digits), encoded, p.value());
    }
  }

  private static final class Segments {
    final String base;
    final TreeMap<Integer, Segment> byIndex = new TreeMap<>();

    Segments(String base) {
      this.base = base;
    }

    Parameter join() {
      boolean encoded = byIndex.values().stream().anyMatch(Segment::encoded);
      StringBuilder value = new StringBuilder();
      boolean first = true;
      for (Segment s : byIndex.values()) {
        if (!encoded || s.encoded) {
          value.append(s.value);
        } else {
          // The charset'language' prefix may only open the first segment (RFC 2231 §4.1).
          value.append(first ? "''" : "").append(percentEncode(s.value));
        }
        first = false;
      }
      return new Parameter(encoded ? base + "*" : base, value.toString());
    }
  }

  /** Percent-encodes what is not an attribute-char (RFC 2231 §7). */
  private static String percentEncode(String octets) {
    StringBuilder sb = new StringBuilder(octets.length());
    for (int i = 0; i < octets.length(); i++) {
      char c = octets.charAt(i);
      boolean attributeChar = c > ' ' && c < 0x7F && "*'%".indexOf(c) < 0
          && !HeaderLexer.Specials.MIME.contains(c);
      if (attributeChar) {
        sb.append(c);
      } else {
        sb.append('%').append(HEX.charAt(c >> 4 & 0xF)).append(HEX.charAt(c & 0xF));
      }
    }
    return sb.toString();
  }
}
