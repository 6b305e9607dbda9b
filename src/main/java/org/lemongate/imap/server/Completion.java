package org.lemongate.imap.server;

import org.lemongate.imap.response.ResponseCode;
import org.lemongate.imap.response.Status;

/**
 * How a command ends: the tagged status line the session writes after any untagged updates the
 * command may carry. {@link #ALREADY_SENT} is for commands that wrote their own ending (LOGOUT,
 * STARTTLS).
 */
public record Completion(Status status, ResponseCode code, String text) {
  public static final Completion ALREADY_SENT = new Completion(null, null, null);

  public static Completion ok(String text) {
    return new Completion(Status.OK, null, text);
  }

  public static Completion ok(ResponseCode code, String text) {
    return new Completion(Status.OK, code, text);
  }

  public static Completion no(ResponseCode code, String text) {
    return new Completion(Status.NO, code, text);
  }

  public static Completion bad(String text) {
    return new Completion(Status.BAD, null, text);
  }

  public boolean alreadySent() {
    return status == null;
  }
}
