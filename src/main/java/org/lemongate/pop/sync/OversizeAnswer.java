package org.lemongate.pop.sync;

/**
 * A sync ended because an answer crossed the size limit although LIST put the message under it
 * (the POP connection is closed at the limit). The next sync knows, and shows a notice for the
 * message instead of asking for it again; without this, every sync would stop at that message.
 */
final class OversizeAnswer extends RuntimeException {

  /** Which answer was too large. */
  enum Part {
    /** RETR: the notice is made from the message's header (TOP n 0). */
    BODY,
    /** TOP n 0, for the notice: it is made without the original's header. */
    HEADER
  }

  private final String uidl;
  private final Part part;

  OversizeAnswer(String uidl, Part part, Throwable cause) {
    super(cause.getMessage() + " (message " + uidl + ", whose " + (part == Part.BODY ? "size" : "header")
        + " is over the limit; the next sync shows a notice for it)", cause, false, false);
    this.uidl = uidl;
    this.part = part;
  }

  String uidl() {
    return uidl;
  }

  Part part() {
    return part;
  }
}
