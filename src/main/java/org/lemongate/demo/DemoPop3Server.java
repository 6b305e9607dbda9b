package org.lemongate.demo;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small POP3 server (RFC 1939, with CAPA, UIDL, TOP, PIPELINING and AUTH PLAIN) holding its
 * maildrops in memory, on loopback. It gives the demo mode a mailbox to mirror, so a newcomer can
 * point an IMAP client at the gateway without a POP server of their own.
 */
public final class DemoPop3Server {
  private static final int MAX_LINE = 1024;

  private final Vertx vertx;
  private final Map<String, Maildrop> maildrops = new ConcurrentHashMap<>();
  private NetServer server;
  private int nextUid = 1;

  private static final class Maildrop {
    final String password;
    final List<Message> messages = new ArrayList<>();
    boolean locked;

    Maildrop(String password) {
      this.password = password;
    }
  }

  private record Message(String uid, byte[] content) {
  }

  public DemoPop3Server(Vertx vertx) {
    this.vertx = vertx;
  }

  public synchronized void addUser(String user, String password) {
    maildrops.putIfAbsent(user, new Maildrop(password));
  }

  /** Delivers a message (CRLF line ends) to a user's maildrop. */
  public synchronized void deliver(String user, byte[] message) {
    maildrops.get(user).messages.add(new Message("demo-" + nextUid++, message));
  }

  public Future<Integer> listen(String host, int port) {
    server = vertx.createNetServer(new NetServerOptions().setHost(host).setPort(port));
    server.connectHandler(socket -> new Session(socket).start());
    return server.listen().map(NetServer::actualPort);
  }

  public Future<Void> close() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  /** One client connection: AUTHORIZATION, then TRANSACTION, then UPDATE at QUIT (RFC 1939 §3). */
  private final class Session {
    private final NetSocket socket;
    private String user;
    private Maildrop maildrop;
    /** The maildrop as this session sees it; message numbers are indexes + 1. */
    private List<Message> view;
    private final Set<Integer> deleted = new HashSet<>();

    Session(NetSocket socket) {
      this.socket = socket;
    }

    void start() {
      RecordParser lines = RecordParser.newDelimited("\r\n", this::command).maxRecordSize(MAX_LINE);
      lines.exceptionHandler(e -> socket.close());
      socket.handler(lines);
      socket.closeHandler(v -> unlock());
      reply("+OK Lemongate demo POP3 server ready");
    }

    private void command(Buffer line) {
      String text = line.toString(StandardCharsets.UTF_8);
      int space = text.indexOf(' ');
      String verb = (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
      String argument = space < 0 ? "" : text.substring(space + 1);
      if (maildrop == null) {
        authorization(verb, argument);
      } else {
        transaction(verb, argument);
      }
    }

    private void authorization(String verb, String argument) {
      switch (verb) {
        case "CAPA" -> multiLine("+OK capabilities", "TOP", "UIDL", "USER", "PIPELINING", "RESP-CODES", "SASL PLAIN");
        case "USER" -> {
          user = argument;
          reply("+OK send the password");
        }
        case "PASS" -> logIn(user, argument);
        case "AUTH" -> {
          String[] parts = argument.split(" ");
          if (parts.length != 2 || !parts[0].equalsIgnoreCase("PLAIN")) {
            reply("-ERR only AUTH PLAIN with an initial response is supported");
            return;
          }
          String[] fields = new String(Base64.getDecoder().decode(parts[1]), StandardCharsets.UTF_8).split("\0", -1);
          if (fields.length != 3) {
            reply("-ERR [AUTH] malformed PLAIN response");
          } else {
            logIn(fields[1], fields[2]);
          }
        }
        case "QUIT" -> quit();
        default -> reply("-ERR log in first");
      }
    }

    private void logIn(String name, String password) {
      Maildrop candidate = name == null ? null : maildrops.get(name);
      if (candidate == null || !candidate.password.equals(password)) {
        reply("-ERR [AUTH] invalid user name or password");
        return;
      }
      synchronized (DemoPop3Server.this) {
        if (candidate.locked) {
          reply("-ERR [IN-USE] the maildrop is in use");
          return;
        }
        candidate.locked = true;
        maildrop = candidate;
        view = new ArrayList<>(candidate.messages);
      }
      reply("+OK " + view.size() + " messages");
    }

    private void transaction(String verb, String argument) {
      switch (verb) {
        case "CAPA" -> multiLine("+OK capabilities", "TOP", "UIDL", "USER", "PIPELINING", "RESP-CODES");
        case "STAT" -> {
          long octets = 0;
          int count = 0;
          for (int i = 0; i < view.size(); i++) {
            if (!deleted.contains(i + 1)) {
              count++;
              octets += view.get(i).content().length;
            }
          }
          reply("+OK " + count + " " + octets);
        }
        case "LIST", "UIDL" -> listing(verb.equals("LIST"), argument);
        case "RETR" -> withMessage(argument, message -> sendMessage(message.content(), Integer.MAX_VALUE));
        case "TOP" -> {
          String[] parts = argument.split(" ");
          if (parts.length != 2) {
            reply("-ERR usage: TOP msg lines");
            return;
          }
          int lines = parseNumber(parts[1]);
          withMessage(parts[0], message -> sendMessage(message.content(), lines < 0 ? 0 : lines));
        }
        case "DELE" -> withMessage(argument, message -> {
          deleted.add(parseNumber(argument));
          reply("+OK deleted");
        });
        case "RSET" -> {
          deleted.clear();
          reply("+OK");
        }
        case "NOOP" -> reply("+OK");
        case "QUIT" -> quit();
        default -> reply("-ERR unknown command");
      }
    }

    private void listing(boolean sizes, String argument) {
      if (!argument.isEmpty()) {
        withMessage(argument, message -> reply("+OK " + argument + " "
            + (sizes ? message.content().length : message.uid())));
        return;
      }
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < view.size(); i++) {
        if (!deleted.contains(i + 1)) {
          lines.add((i + 1) + " " + (sizes ? view.get(i).content().length : view.get(i).uid()));
        }
      }
      multiLine("+OK", lines.toArray(String[]::new));
    }

    private void withMessage(String argument, java.util.function.Consumer<Message> action) {
      int number = parseNumber(argument);
      if (number < 1 || number > view.size() || deleted.contains(number)) {
        reply("-ERR no such message");
      } else {
        action.accept(view.get(number - 1));
      }
    }

    /** The header block and then at most {@code bodyLines} body lines, dot-stuffed. */
    private void sendMessage(byte[] content, int bodyLines) {
      Buffer out = Buffer.buffer(content.length + 64).appendString("+OK\r\n");
      boolean inBody = false;
      int lineStart = 0;
      int bodyLinesSent = 0;
      while (lineStart < content.length && (!inBody || bodyLinesSent < bodyLines)) {
        int lineEnd = lineStart;
        while (lineEnd < content.length && content[lineEnd] != '\n') {
          lineEnd++;
        }
        int contentEnd = lineEnd > lineStart && content[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
        if (contentEnd > lineStart && content[lineStart] == '.') {
          out.appendByte((byte) '.');
        }
        out.appendBytes(content, lineStart, contentEnd - lineStart).appendString("\r\n");
        if (inBody) {
          bodyLinesSent++;
        } else if (contentEnd == lineStart) {
          inBody = true;
        }
        lineStart = lineEnd + 1;
      }
      socket.write(out.appendString(".\r\n"));
    }

    private void quit() {
      if (maildrop != null) {
        synchronized (DemoPop3Server.this) {
          List<Message> gone = new ArrayList<>();
          deleted.forEach(number -> gone.add(view.get(number - 1)));
          maildrop.messages.removeAll(gone);
        }
      }
      unlock();
      socket.write("+OK bye\r\n").onComplete(v -> socket.close());
    }

    private void unlock() {
      if (maildrop != null) {
        synchronized (DemoPop3Server.this) {
          maildrop.locked = false;
        }
        maildrop = null;
      }
    }

    private void multiLine(String first, String... lines) {
      Buffer out = Buffer.buffer().appendString(first).appendString("\r\n");
      for (String line : lines) {
        out.appendString(line).appendString("\r\n");
      }
      socket.write(out.appendString(".\r\n"));
    }

    private void reply(String line) {
      socket.write(line + "\r\n");
    }

    private int parseNumber(String text) {
      try {
        return Integer.parseInt(text.trim());
      } catch (NumberFormatException e) {
        return -1;
      }
    }
  }
}
