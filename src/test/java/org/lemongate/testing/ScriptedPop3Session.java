package org.lemongate.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import javax.net.ssl.SSLSocket;
import org.lemongate.testing.ScriptedPop3Server.Maildrop;
import org.lemongate.testing.ScriptedPop3Server.Received;
import org.lemongate.testing.ScriptedPop3Server.StoredMessage;

/** One connection of {@link ScriptedPop3Server}: RFC 1939 states, scripted replies, the command log. */
final class ScriptedPop3Session implements ScriptedReply.Exchange {
  private static final int MAX_COMMAND_LINE = 64 * 1024;

  private final ScriptedPop3Server server;
  private final int connection;
  private final String timestamp;
  private Socket socket;
  private Input in;
  private OutputStream out;
  private String command = "greeting";
  private boolean answerStarted;
  private boolean nextSentEarly;
  private boolean finished;
  private String pendingUser;
  private Maildrop maildrop;
  private List<StoredMessage> messages;
  private boolean[] deleted;
  private boolean committed;

  ScriptedPop3Session(ScriptedPop3Server server, Socket socket, int connection) {
    this.server = server;
    this.socket = socket;
    this.connection = connection;
    this.timestamp = "<" + ProcessHandle.current().pid() + "." + connection + "@scripted.test>";
  }

  void run() {
    try {
      in = new Input(socket.getInputStream());
      out = socket.getOutputStream();
      answer(server.greetingReply());
      while (!finished) {
        String line = in.readLine();
        if (line == null) {
          break;
        }
        server.record(new Received(connection, line, isTls(), nextSentEarly));
        command = line;
        answerStarted = false;
        answer(server.replyFor(line));
      }
    } catch (IOException clientGoneOrServerClosed) {
      // the session just ends
    } finally {
      endSession();
    }
  }

  private void answer(ScriptedReply scripted) throws IOException {
    if (scripted != null) {
      scripted.send(this);
      return;
    }
    byte[] normal = normalAnswer();
    write(normal);
    if (command.equalsIgnoreCase("STLS") && normal[0] == '+') {
      startTls();
    }
  }

  @Override
  public String command() {
    return command;
  }

  @Override
  public byte[] normalAnswer() throws IOException {
    if (command.equals("greeting")) {
      return line("+OK scripted POP3 server ready" + (server.features().apop() ? " " + timestamp : ""));
    }
    String[] words = command.split(" ");
    String verb = words[0].toUpperCase(Locale.ROOT);
    if (verb.equals("QUIT")) {
      finished = true;
      committed = maildrop != null;
      return line("+OK bye");
    }
    if (verb.equals("CAPA")) {
      return server.features().capa() ? multiLine("capabilities follow", capabilities()) : line("-ERR unknown command");
    }
    return maildrop == null ? authorization(verb, words) : transaction(verb, words);
  }

  @Override
  public void write(byte[] bytes) throws IOException {
    if (!answerStarted) {
      answerStarted = true;
      nextSentEarly = in.available() > 0;
    }
    out.write(bytes);
    out.flush();
  }

  @Override
  public void disconnect() throws IOException {
    finished = true;
    socket.close();
  }

  @Override
  public void ignoreClient() throws IOException {
    while (in.read() >= 0) {
      // drop everything
    }
    finished = true;
  }

  @Override
  public void startTls() throws IOException {
    SSLSocket tls = (SSLSocket) server.tlsContext().getSocketFactory()
        .createSocket(socket, ScriptedPop3Server.HOST, socket.getPort(), true);
    tls.setUseClientMode(false);
    tls.startHandshake();
    socket = tls;
    in = new Input(tls.getInputStream());
    out = tls.getOutputStream();
  }

  private boolean isTls() {
    return socket instanceof SSLSocket;
  }

  private List<String> capabilities() {
    ScriptedPop3Server.Features features = server.features();
    List<String> lines = new ArrayList<>(List.of("TOP", "USER"));
    if (features.uidl()) {
      lines.add("UIDL");
    }
    if (features.respCodes()) {
      lines.add("RESP-CODES");
      lines.add("AUTH-RESP-CODE");
    }
    if (features.pipelining()) {
      lines.add("PIPELINING");
    }
    if (features.saslPlain()) {
      lines.add("SASL PLAIN");
    }
    if (features.stls() && !isTls() && maildrop == null) {
      lines.add("STLS");
    }
    lines.add("IMPLEMENTATION scripted");
    return lines;
  }

  private byte[] authorization(String verb, String[] words) throws IOException {
    switch (verb) {
      case "STLS":
        return server.features().stls() && !isTls() ? line("+OK begin TLS") : line("-ERR STLS not available");
      case "USER":
        pendingUser = words.length > 1 ? command.substring(5) : null;
        return line("+OK send PASS");
      case "PASS":
        if (pendingUser == null) {
          return line("-ERR USER first");
        }
        return logIn(server.authenticate(pendingUser, command.substring(Math.min(5, command.length()))
            .getBytes(StandardCharsets.ISO_8859_1)));
      case "APOP":
        return server.features().apop() && words.length == 3 ? logIn(apop(words[1], words[2])) : line("-ERR no APOP");
      case "AUTH":
        return authenticate(words);
      default:
        return line("-ERR unknown command in AUTHORIZATION state");
    }
  }

  private Maildrop apop(String user, String digest) {
    String password = server.passwordOf(user);
    if (password == null) {
      return null;
    }
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      byte[] expected = md5.digest((timestamp + password).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(expected).equals(digest)
          ? server.authenticate(user, password.getBytes(StandardCharsets.UTF_8)) : null;
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /** RFC 5034: {@code AUTH} lists mechanisms; {@code AUTH PLAIN [initial-response]} logs in. */
  private byte[] authenticate(String[] words) throws IOException {
    if (words.length == 1) {
      return multiLine("mechanisms", server.features().saslPlain() ? List.of("PLAIN") : List.of());
    }
    if (!words[1].equalsIgnoreCase("PLAIN") || !server.features().saslPlain()) {
      return line("-ERR unsupported mechanism");
    }
    String response = words.length > 2 ? words[2] : null;
    if (response == null) {
      write(line("+ "));
      response = in.readLine();
      if (response == null) {
        throw new IOException("client left during AUTH");
      }
      server.record(new Received(connection, response, isTls(), false));
    }
    if (response.equals("*")) {
      return line("-ERR AUTH cancelled");
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(response);
    } catch (IllegalArgumentException notBase64) {
      return line("-ERR invalid base64");
    }
    String[] parts = new String(decoded, StandardCharsets.UTF_8).split("\0", -1);
    if (parts.length != 3) {
      return line("-ERR malformed PLAIN response");
    }
    return logIn(server.authenticate(parts[1], parts[2].getBytes(StandardCharsets.UTF_8)));
  }

  private byte[] logIn(Maildrop authenticated) {
    boolean codes = server.features().respCodes();
    if (authenticated == null) {
      return line(codes ? "-ERR [AUTH] invalid credentials" : "-ERR invalid credentials");
    }
    List<StoredMessage> locked = server.lock(authenticated);
    if (locked == null) {
      return line(codes ? "-ERR [IN-USE] maildrop already locked" : "-ERR maildrop already locked");
    }
    maildrop = authenticated;
    messages = locked;
    deleted = new boolean[locked.size()];
    return line("+OK maildrop locked and ready");
  }

  private byte[] transaction(String verb, String[] words) throws IOException {
    switch (verb) {
      case "STAT":
        return line("+OK " + listed().size() + " " + listed().stream().mapToLong(n -> size(n)).sum());
      case "LIST":
        return listing(words, number -> number + " " + size(number));
      case "UIDL":
        if (!server.features().uidl()) {
          return line("-ERR unknown command");
        }
        return listing(words, number -> number + " " + messages.get(number - 1).uid());
      case "RETR":
        return retrieve(words, Integer.MAX_VALUE);
      case "TOP":
        return words.length == 3 && isNumber(words[2]) ? retrieve(words, Integer.parseInt(words[2]))
            : line("-ERR TOP needs a message number and a line count");
      case "DELE": {
        Integer number = messageNumber(words);
        if (number == null) {
          return line("-ERR no such message");
        }
        deleted[number - 1] = true;
        return line("+OK message " + number + " deleted");
      }
      case "RSET":
        deleted = new boolean[messages.size()];
        return line("+OK");
      case "NOOP":
        return line("+OK");
      default:
        return line("-ERR unknown command in TRANSACTION state");
    }
  }

  private byte[] listing(String[] words, IntFunction<String> lineOf) throws IOException {
    if (words.length > 1) {
      Integer number = messageNumber(words);
      return number == null ? line("-ERR no such message") : line("+OK " + lineOf.apply(number));
    }
    return multiLine(listed().size() + " messages", listed().stream().map(lineOf::apply).toList());
  }

  /** RETR (all lines) or TOP (header, blank line, {@code bodyLines} lines), dot-stuffed. */
  private byte[] retrieve(String[] words, int bodyLines) throws IOException {
    Integer number = messageNumber(words);
    if (number == null) {
      return line("-ERR no such message");
    }
    byte[] content = messages.get(number - 1).content();
    List<String> lines = List.of(new String(content, StandardCharsets.ISO_8859_1).split("\r\n"));
    int header = lines.indexOf("");
    int keep = header < 0 || bodyLines == Integer.MAX_VALUE ? lines.size() : Math.min(lines.size(), header + 1 + bodyLines);
    return multiLine(content.length + " octets", lines.subList(0, keep));
  }

  private List<Integer> listed() {
    List<Integer> numbers = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      if (!deleted[i]) {
        numbers.add(i + 1);
      }
    }
    return numbers;
  }

  private long size(int number) {
    return messages.get(number - 1).content().length;
  }

  /** The message number argument, if it names a message of this session that is not deleted. */
  private Integer messageNumber(String[] words) {
    if (words.length < 2 || !isNumber(words[1])) {
      return null;
    }
    int number = Integer.parseInt(words[1]);
    return number >= 1 && number <= messages.size() && !deleted[number - 1] ? number : null;
  }

  private static boolean isNumber(String word) {
    return !word.isEmpty() && word.length() < 10 && word.chars().allMatch(Character::isDigit);
  }

  private void endSession() {
    if (maildrop != null) {
      List<StoredMessage> gone = new ArrayList<>();
      for (int i = 0; committed && i < messages.size(); i++) {
        if (deleted[i]) {
          gone.add(messages.get(i));
        }
      }
      server.unlock(maildrop, gone);
    }
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  private static byte[] line(String text) {
    return (text + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
  }

  /** {@code +OK text}, the lines dot-stuffed (RFC 1939 section 3), then the {@code .} line. */
  private static byte[] multiLine(String text, List<String> lines) {
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    answer.writeBytes(line("+OK " + text));
    for (String line : lines) {
      answer.writeBytes(line(line.startsWith(".") ? "." + line : line));
    }
    answer.writeBytes(line("."));
    return answer.toByteArray();
  }

  /** A buffered input whose {@link #available()} counts what is buffered, to detect pipelining. */
  private static final class Input {
    private final InputStream stream;
    private final byte[] buffer = new byte[16 * 1024];
    private int position;
    private int limit;

    Input(InputStream stream) {
      this.stream = stream;
    }

    int available() throws IOException {
      return limit - position + stream.available();
    }

    int read() throws IOException {
      if (position == limit) {
        limit = stream.read(buffer);
        position = 0;
        if (limit <= 0) {
          limit = 0;
          return -1;
        }
      }
      return buffer[position++] & 0xff;
    }

    /** A line without its CRLF (or LF), or null at the end of the stream. */
    String readLine() throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      for (int b = read(); b != '\n'; b = read()) {
        if (b < 0) {
          return null;
        }
        if (line.size() > MAX_COMMAND_LINE) {
          throw new IOException("command line too long");
        }
        line.write(b);
      }
      String text = line.toString(StandardCharsets.ISO_8859_1);
      return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
  }
}
