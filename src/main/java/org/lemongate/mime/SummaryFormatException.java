package org.lemongate.mime;

/**
 * A cached {@link MessageSummary} could not be read: corrupt, truncated, or written by a format
 * version this code does not know. The cure is to parse the raw message again and replace the
 * cache entry.
 */
public final class SummaryFormatException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  SummaryFormatException(String message) {
    super(message);
  }
}
