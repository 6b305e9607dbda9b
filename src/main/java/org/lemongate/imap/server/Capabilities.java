package org.lemongate.imap.server;

import java.util.ArrayList;
import java.util.List;

/** The CAPABILITY list, which depends on the session: before or after login, with or without TLS. */
final class Capabilities {
  /** What every session offers. */
  private static final List<String> ALWAYS = List.of("IMAP4rev1", "IMAP4rev2", "LITERAL-", "SASL-IR", "ID",
      "ENABLE", "IDLE");

  /** What is offered once logged in (RFC 9051 §7.2.2: capabilities may differ after login). */
  private static final List<String> AFTER_LOGIN = List.of("NAMESPACE", "UNSELECT", "UIDPLUS", "MOVE", "CHILDREN",
      "LIST-EXTENDED", "LIST-STATUS", "SPECIAL-USE", "CREATE-SPECIAL-USE", "CONDSTORE", "QRESYNC", "ESEARCH",
      "SEARCHRES", "BINARY", "STATUS=SIZE", "UTF8=ACCEPT");

  private Capabilities() {
  }

  static List<String> of(ImapSession session) {
    List<String> capabilities = new ArrayList<>(ALWAYS);
    if (session.state() == SessionState.NOT_AUTHENTICATED) {
      if (session.plainPort() && !session.tls()) {
        capabilities.add("STARTTLS");
      }
      if (session.mayLogIn()) {
        capabilities.add("AUTH=PLAIN");
        capabilities.add("AUTH=LOGIN");
      } else {
        // RFC 9051 §6.2.3: LOGIN is refused without TLS; say so before the client tries.
        capabilities.add("LOGINDISABLED");
      }
    } else {
      capabilities.addAll(AFTER_LOGIN);
    }
    return capabilities;
  }
}
