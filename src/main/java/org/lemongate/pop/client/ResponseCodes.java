package org.lemongate.pop.client;

import java.util.Locale;
import java.util.Map;

/**
 * Extended response codes at the start of a {@code -ERR} text: {@code [IN-USE]} and {@code [LOGIN-DELAY]}
 * (RFC 2449 section 8), {@code [SYS/TEMP]}, {@code [SYS/PERM]} and {@code [AUTH]} (RFC 3206).
 */
final class ResponseCodes {
  private static final Map<String, Pop3Exception.Kind> KINDS = Map.of(
      "IN-USE", Pop3Exception.Kind.IN_USE,
      "LOGIN-DELAY", Pop3Exception.Kind.LOGIN_DELAY,
      "SYS/TEMP", Pop3Exception.Kind.SYS_TEMP,
      "SYS/PERM", Pop3Exception.Kind.SYS_PERM,
      "AUTH", Pop3Exception.Kind.AUTH);

  private ResponseCodes() {
  }

  /**
   * The kind the code in {@code errText} stands for, or {@code otherwise} when there is no known code.
   * Codes are hierarchical (RFC 2449 section 8): an unknown {@code SYS/TEMP/X} counts as {@code SYS/TEMP}.
   */
  static Pop3Exception.Kind kindOf(String errText, Pop3Exception.Kind otherwise) {
    if (!errText.startsWith("[")) {
      return otherwise;
    }
    int close = errText.indexOf(']');
    if (close < 0) {
      return otherwise;
    }
    String code = errText.substring(1, close).trim().toUpperCase(Locale.ROOT);
    while (true) {
      Pop3Exception.Kind kind = KINDS.get(code);
      if (kind != null) {
        return kind;
      }
      int slash = code.lastIndexOf('/');
      if (slash < 0) {
        return otherwise;
      }
      code = code.substring(0, slash);
    }
  }
}
