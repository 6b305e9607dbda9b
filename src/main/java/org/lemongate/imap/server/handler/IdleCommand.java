package org.lemongate.imap.server.handler;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import org.lemongate.imap.command.Command;
import org.lemongate.imap.response.Status;
import org.lemongate.imap.server.Completion;
import org.lemongate.imap.server.ImapSession;

/**
 * IDLE (RFC 2177, RFC 9051 §6.3.13): changes to the selected mailbox are pushed as they happen
 * until the client sends DONE; an "* OK" line now and then keeps NAT boxes from dropping the
 * connection.
 */
public final class IdleCommand {
  private IdleCommand() {
  }

  public static Future<Completion> idle(ImapSession session, String tag, Command.Idle command) {
    Vertx vertx = session.context().vertx();
    Promise<Completion> done = Promise.promise();
    long keepAlive = vertx.setPeriodic(session.context().config().idleKeepAlive().toMillis(), id -> {
      if (session.isClosed()) {
        vertx.cancelTimer(id);
        return;
      }
      session.writer().untagged(Status.OK, null, "Still here");
      session.flush();
    });
    session.expectRawLine(line -> {
      vertx.cancelTimer(keepAlive);
      session.stopIdling();
      done.complete(line.toString(StandardCharsets.US_ASCII).trim().equalsIgnoreCase("DONE")
          ? Completion.ok("IDLE terminated")
          : Completion.bad("Expected DONE to end IDLE"));
    });
    session.writer().continuation("idling");
    session.flush();
    session.startIdling();
    return done.future();
  }
}
