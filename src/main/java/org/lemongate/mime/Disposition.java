package org.lemongate.mime;

import java.util.List;
import java.util.Objects;

/**
 * A Content-Disposition field (RFC 2183): the disposition type ("" when the field has none) and
 * its parameters, both as octet strings.
 */
public record Disposition(String type, List<Parameter> parameters) {

  public Disposition {
    Objects.requireNonNull(type);
    parameters = List.copyOf(parameters);
  }
}
