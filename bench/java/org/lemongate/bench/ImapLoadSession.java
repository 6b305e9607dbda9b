package org.lemongate.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One IMAP connection of the load generator, event-driven so that one JVM can hold tens of thousands:
 * one command at a time, answers read line by line with literals skipped by their byte count. It knows
 * only what the benchmark needs: the greeting, continuations, tagged answers and {@code * n EXISTS}.
 */
final class ImapLoadSession {
  private static final Pattern LITERAL_AT_END = Pattern.compile("~?\\{(\\d+)\\}$");
  private static final Pattern EXISTS = Pattern.compile("\\* (\\d+) EXISTS");

  /** The connection's event loop: the session's state is only touched there. */
  private final Context context = Vertx.currentContext();
  private final NetSocket socket;
  private final RecordParser parser;
  private final Promise<ImapLoadSession> greeted = Promise.promise();
  private Promise<Reply> answer;
  private Promise<Void> continuation;
  private String tag;
  private int tags;
  private boolean inLiteral;
  private long bytesReceived;
  private int exists = -1;
  private boolean closed;

  /** The tagged answer to a command, and how many bytes the whole answer took. */
  record Reply(String tagged, long bytes) {
    boolean isOk() {
      return tagged.split(" ", 3)[1].equals("OK");
    }
  }

  private ImapLoadSession(NetSocket socket) {
    this.socket = socket;
    this.parser = RecordParser.newDelimited("\r\n", this::received);
    socket.handler(parser);
    socket.closeHandler(ignored -> closed("the server closed the connection"));
    socket.exceptionHandler(cause -> closed(cause.toString()));
  }

  /** Connects and waits for an {@code * OK} greeting. */
  static Future<ImapLoadSession> open(NetClient client, String host, int port) {
    return client.connect(port, host).compose(socket -> new ImapLoadSession(socket).greeted.future());
  }

  /** Sends {@code <tag> <command>}; completes with the tagged answer, fails if the connection ends first. */
  Future<Reply> command(String command) {
    answer = Promise.promise();
    tag = "b" + (++tags);
    bytesReceived = 0;
    socket.write(tag + " " + command + "\r\n");
    return answer.future();
  }

  /** LOGIN, which must succeed. */
  Future<Reply> login(String user, String password) {
    return requireOk(command("LOGIN \"" + user + "\" \"" + password + "\""), "LOGIN " + user);
  }

  /** SELECT INBOX, which must succeed; {@link #exists()} then tells the mailbox's size. */
  Future<Reply> selectInbox() {
    return requireOk(command("SELECT INBOX"), "SELECT INBOX");
  }

  /** Sends IDLE; completes at the server's continuation. */
  Future<Void> idle() {
    command("IDLE");
    continuation = Promise.promise();
    return continuation.future();
  }

  /** Runs an action on the session's event loop, where its commands must be sent from. */
  void onContext(Runnable action) {
    context.runOnContext(ignored -> action.run());
  }

  /** The number of messages of the selected mailbox, as last announced; -1 before SELECT. */
  int exists() {
    return exists;
  }

  boolean isClosed() {
    return closed;
  }

  Future<Void> close() {
    return socket.close();
  }

  private void received(Buffer record) {
    bytesReceived += record.length();
    if (inLiteral) {
      inLiteral = false;
      parser.delimitedMode("\r\n");
      return;
    }
    bytesReceived += 2;
    String line = record.toString(StandardCharsets.ISO_8859_1);
    Matcher literal = LITERAL_AT_END.matcher(line);
    if (line.endsWith("}") && literal.find() && Integer.parseInt(literal.group(1)) > 0) {
      inLiteral = true;
      parser.fixedSizeMode(Integer.parseInt(literal.group(1)));
    }
    if (!greeted.future().isComplete()) {
      if (line.startsWith("* OK")) {
        greeted.complete(this);
      } else {
        greeted.fail("unexpected greeting: " + line);
        socket.close();
      }
    } else if (line.startsWith("+") && continuation != null) {
      continuation.complete();
      continuation = null;
    } else if (tag != null && line.startsWith(tag + " ")) {
      Promise<Reply> answered = answer;
      tag = null;
      answer = null;
      if (continuation != null) {
        continuation.fail("refused: " + line);
        continuation = null;
      }
      answered.complete(new Reply(line, bytesReceived));
    } else if (line.endsWith(" EXISTS")) {
      Matcher count = EXISTS.matcher(line);
      if (count.matches()) {
        exists = Integer.parseInt(count.group(1));
      }
    }
  }

  private void closed(String why) {
    closed = true;
    greeted.tryFail(why);
    if (continuation != null) {
      continuation.tryFail(why);
    }
    if (answer != null) {
      answer.tryFail(why);
    }
  }

  private static Future<Reply> requireOk(Future<Reply> reply, String what) {
    return reply.compose(answer -> answer.isOk() ? Future.succeededFuture(answer)
        : Future.failedFuture(what + " refused: " + answer.tagged()));
  }
}
