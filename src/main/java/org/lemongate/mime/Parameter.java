package org.lemongate.mime;

import java.util.List;
import java.util.Objects;

/**
 * One MIME parameter ({@code attribute=value}, RFC 2045 §5.1) as BODYSTRUCTURE shows it: name in
 * the case of the message, value unquoted. Both are octet strings. RFC 2231 continuations are
 * already joined: {@code name*0}, {@code name*1} become {@code name}, and an encoded value becomes
 * {@code name*} with a value still in {@code charset'language'%XX} form.
 */
public record Parameter(String name, String value) {

  public Parameter {
    Objects.requireNonNull(name);
    Objects.requireNonNull(value);
  }

  /** The value of the first parameter with that name (ignoring case), or null. */
  public static String find(List<Parameter> parameters, String name) {
    for (Parameter p : parameters) {
      if (p.name.equalsIgnoreCase(name)) {
        return p.value;
      }
    }
    return null;
  }
}
