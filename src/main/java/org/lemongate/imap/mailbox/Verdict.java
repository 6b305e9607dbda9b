package org.lemongate.imap.mailbox;

import java.util.Objects;
import org.lemongate.imap.response.ResponseCode;

/**
 * What {@link MailboxPolicy} decided about a command: either a plan to carry out, or a refusal
 * that the handler sends as is, {@code tag NO [code] text}.
 *
 * @param plan  what to do, or null when refused
 * @param code  the RFC 5530 response code of a refusal, or null when allowed
 * @param text  the human-readable text of a refusal, or null when allowed
 */
public record Verdict<T>(T plan, ResponseCode code, String text) {

  public Verdict {
    if ((plan == null) == (code == null) || (code == null) != (text == null)) {
      throw new IllegalArgumentException("a verdict is either a plan or a code with a text");
    }
  }

  public static <T> Verdict<T> allow(T plan) {
    return new Verdict<>(Objects.requireNonNull(plan), null, null);
  }

  public static <T> Verdict<T> refuse(ResponseCode code, String text) {
    return new Verdict<>(null, Objects.requireNonNull(code), Objects.requireNonNull(text));
  }

  public boolean allowed() {
    return plan != null;
  }
}
