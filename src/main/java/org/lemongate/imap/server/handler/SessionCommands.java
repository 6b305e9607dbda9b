package org.lemongate.imap.server.handler;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lemongate.imap.command.Command;
import org.lemongate.imap.server.Completion;
import org.lemongate.imap.server.ImapSession;
import org.lemongate.imap.server.ImapSession.Extension;

/** CAPABILITY, NOOP, CHECK, LOGOUT, ID and ENABLE: commands about the session itself. */
public final class SessionCommands {
  private SessionCommands() {
  }

  public static Future<Completion> capability(ImapSession session, String tag, Command.Capability command) {
    session.writer().capability(session.capabilities());
    return Future.succeededFuture(Completion.ok(null));
  }

  /** NOOP and CHECK do nothing themselves: the session announces pending changes at their end. */
  public static Future<Completion> noop(ImapSession session, String tag, Command command) {
    return Future.succeededFuture(Completion.ok(null));
  }

  public static Future<Completion> logout(ImapSession session, String tag, Command.Logout command) {
    session.logOut(tag);
    return Future.succeededFuture(Completion.ALREADY_SENT);
  }

  /** ID (RFC 2971): the server's name and version; what the client says is only logged at debug level. */
  public static Future<Completion> id(ImapSession session, String tag, Command.Id command) {
    Map<String, String> server = new LinkedHashMap<>();
    server.put("name", "Lemongate");
    server.put("version", SessionCommands.class.getPackage().getImplementationVersion() == null
        ? "dev" : SessionCommands.class.getPackage().getImplementationVersion());
    server.put("vendor", "Lemongate");
    session.writer().id(server);
    return Future.succeededFuture(Completion.ok(null));
  }

  /** ENABLE (RFC 5161): turns on the extensions named, answers with those it turned on. */
  public static Future<Completion> enable(ImapSession session, String tag, Command.Enable command) {
    List<String> turnedOn = new ArrayList<>();
    for (String name : command.capabilities()) {
      Extension extension = switch (name.toUpperCase(Locale.ROOT)) {
        case "CONDSTORE" -> Extension.CONDSTORE;
        case "QRESYNC" -> Extension.QRESYNC;
        case "UTF8=ACCEPT" -> Extension.UTF8_ACCEPT;
        case "IMAP4REV2" -> Extension.IMAP4REV2;
        default -> null;
      };
      if (extension != null && !session.isEnabled(extension)) {
        session.enable(extension);
        turnedOn.add(name);
      }
    }
    session.writer().enabled(turnedOn);
    return Future.succeededFuture(Completion.ok(null));
  }
}
