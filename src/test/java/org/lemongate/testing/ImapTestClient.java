package org.lemongate.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * A tiny blocking IMAP client over a socket, independent of the code under test, for tests that need
 * exact control of the protocol: commands get automatic tags ({@code A1}, {@code A2}, …) and their
 * answers are collected up to the tagged line, literals are read by their byte count, IDLE has helpers,
 * and anything can be sent as raw bytes. Plain, implicit TLS or STARTTLS; TLS verifies the server's
 * certificate and host name against a given PEM certificate.
 *
 * <pre>{@code
 * try (ImapTestClient imap = ImapTestClient.connect("127.0.0.1", port)) {
 *   imap.login("alice", "secret");
 *   imap.command("SELECT INBOX").requireOk();
 *   byte[] body = imap.command("FETCH 1 BODY.PEEK[]").requireOk().untagged().get(0).literal(0);
 *   imap.idle();
 *   imap.awaitUntagged("\\* \\d+ EXISTS", Duration.ofSeconds(10));
 *   imap.done().requireOk();
 * }
 * }</pre>
 *
 * <p>A line ends at CRLF; a bare CR or LF is part of the line. Everything sent and received is kept in
 * {@link #transcript()}, which failure messages include. Reads time out after 10 s unless told otherwise.
 */
public final class ImapTestClient implements Closeable {
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  /** A server line ending in a literal's announcement: {@code {22}}, or {@code ~{22}} (RFC 3516 binary). */
  private static final Pattern LITERAL_AT_END = Pattern.compile("~?\\{(\\d+)\\}$");
  private static final int PRINTABLE_LENGTH = 1000;

  private final String host;
  private final int port;
  private final String greeting;
  private final List<String> transcript = new ArrayList<>();
  /** Replaced when STARTTLS wraps the connection. */
  private Socket socket;
  private InputStream in;
  private OutputStream out;
  private int tags;
  private String idleTag;

  /**
   * One server response: its text with each literal's announcement kept in place (e.g.
   * {@code * 1 FETCH (BODY[] {22})}) and the literals' bytes, in order.
   */
  public record Response(String text, List<byte[]> literals) {
    public Response {
      literals = List.copyOf(literals);
    }

    public byte[] literal(int index) {
      return literals.get(index);
    }

    public boolean matches(String regex) {
      return text.matches(regex);
    }

    @Override
    public String toString() {
      return printable(text) + (literals.isEmpty() ? "" : " + " + literals.size() + " literal(s)");
    }
  }

  /** A command's answer: the responses before the tagged one (untagged, or continuations), then the tagged one. */
  public record Result(List<Response> untagged, Response tagged) {
    /** {@code OK}, {@code NO} or {@code BAD}: the word after the tag. */
    public String status() {
      String[] words = tagged.text().split(" ", 3);
      return words.length > 1 ? words[1] : "";
    }

    public boolean isOk() {
      return status().equals("OK");
    }

    /** This result, if the server answered OK; otherwise an {@link AssertionError} showing the answer. */
    public Result requireOk() {
      if (!isOk()) {
        throw new AssertionError("expected OK, the server answered:\n" + this);
      }
      return this;
    }

    /** The untagged responses whose text matches the regex. */
    public List<Response> untagged(String regex) {
      return untagged.stream().filter(response -> response.matches(regex)).toList();
    }

    @Override
    public String toString() {
      StringBuilder text = new StringBuilder();
      untagged.forEach(response -> text.append("  ").append(response).append('\n'));
      return text.append("  ").append(tagged).toString();
    }
  }

  private ImapTestClient(String host, int port, Socket socket) throws IOException {
    this.host = host;
    this.port = port;
    use(socket);
    this.greeting = readLine();
  }

  /** Connects in clear text (5 s connect timeout) and reads the greeting. */
  public static ImapTestClient connect(String host, int port) throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(host, port), 5000);
      return new ImapTestClient(host, port, socket);
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  /** Connects with implicit TLS (IMAPS), trusting the given certificate, and reads the greeting. */
  public static ImapTestClient connectTls(String host, int port, Path trustedCertificatePem) throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(host, port), 5000);
      return new ImapTestClient(host, port, handshake(socket, host, port, trustedCertificatePem));
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  /** The server's first line. */
  public String greeting() {
    return greeting;
  }

  /** How long a read may wait for the server (10 s unless changed). */
  public void setTimeout(Duration timeout) throws IOException {
    socket.setSoTimeout((int) timeout.toMillis());
  }

  /** Sends {@code <tag> <command>} and collects the answer up to its tagged line. */
  public Result command(String command) throws IOException {
    String tag = nextTag();
    sendLine(tag + " " + command);
    return collect(tag);
  }

  /**
   * Sends a command holding one synchronizing literal: {@code <tag> <before> {n}}, waits for the
   * server's continuation, then sends the literal and {@code after}. If the server refuses the literal,
   * its tagged answer is the result.
   */
  public Result commandWithLiteral(String before, byte[] literal, String after) throws IOException {
    String tag = nextTag();
    sendLine(tag + " " + before + " {" + literal.length + "}");
    List<Response> untagged = new ArrayList<>();
    for (Response response = readResponse(); !response.text().startsWith("+"); response = readResponse()) {
      if (response.text().startsWith(tag + " ")) {
        return new Result(untagged, response);
      }
      untagged.add(response);
    }
    send(literal);
    sendLine(after);
    Result rest = collect(tag);
    untagged.addAll(rest.untagged());
    return new Result(untagged, rest.tagged());
  }

  /** LOGIN with quoted user name and password; the server must answer OK. */
  public Result login(String user, String password) throws IOException {
    return command("LOGIN " + quoted(user) + " " + quoted(password)).requireOk();
  }

  /**
   * STARTTLS, then the TLS handshake trusting the given certificate. Fails if the server sent anything
   * after its OK in clear text: that would be readable as if it came over TLS (RFC 9051 §6.2.1).
   */
  public void startTls(Path trustedCertificatePem) throws IOException {
    command("STARTTLS").requireOk();
    if (in.available() > 0) {
      throw new AssertionError("the server sent data after its STARTTLS OK, before the TLS handshake\n" + transcriptText());
    }
    use(handshake(socket, host, port, trustedCertificatePem));
    transcript.add("-- TLS established");
  }

  /** Sends IDLE and waits for the server's continuation; then use {@link #awaitUntagged} and {@link #done()}. */
  public void idle() throws IOException {
    String tag = nextTag();
    sendLine(tag + " IDLE");
    for (Response response = readResponse(); !response.text().startsWith("+"); response = readResponse()) {
      if (response.text().startsWith(tag + " ")) {
        throw new AssertionError("IDLE refused: " + response + "\n" + transcriptText());
      }
    }
    idleTag = tag;
  }

  /**
   * Reads responses until one matches the regex (whole text), skipping others, for at most the
   * timeout; for pushed data such as IDLE's {@code * 3 EXISTS}.
   */
  public Response awaitUntagged(String regex, Duration timeout) throws IOException {
    Pattern pattern = Pattern.compile(regex);
    long deadline = System.nanoTime() + timeout.toNanos();
    int previousTimeout = socket.getSoTimeout();
    try {
      while (true) {
        long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        socket.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
        Response response;
        try {
          response = readResponse();
        } catch (SocketTimeoutException e) {
          throw new AssertionError("no response matching " + regex + " within " + timeout.toMillis() + " ms\n"
              + transcriptText());
        }
        if (pattern.matcher(response.text()).matches()) {
          return response;
        }
      }
    } finally {
      socket.setSoTimeout(previousTimeout);
    }
  }

  /** Ends IDLE ({@code DONE}) and collects the answer to the IDLE command. */
  public Result done() throws IOException {
    if (idleTag == null) {
      throw new IllegalStateException("not idling");
    }
    String tag = idleTag;
    idleTag = null;
    sendLine("DONE");
    return collect(tag);
  }

  /** Sends a line: the text and CRLF. */
  public void sendLine(String line) throws IOException {
    send((line + "\r\n").getBytes(StandardCharsets.UTF_8));
  }

  /** Sends bytes exactly as given (no line end added), for malformed input, NUL bytes or split commands. */
  public void send(byte[] bytes) throws IOException {
    transcript.add("C: " + printable(bytes));
    out.write(bytes);
    out.flush();
  }

  /** Reads one line, up to CRLF (not included), as UTF-8; literals are not interpreted. */
  public String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int previous = -1;
    while (true) {
      int next = in.read();
      if (next < 0) {
        transcript.add("-- connection closed by the server" + (line.size() > 0 ? " after: " + printable(line.toByteArray()) : ""));
        throw new EOFException("the server closed the connection\n" + transcriptText());
      }
      if (previous == '\r' && next == '\n') {
        byte[] bytes = line.toByteArray();
        String text = new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
        transcript.add("S: " + printable(text));
        return text;
      }
      line.write(next);
      previous = next;
    }
  }

  /** Reads one response: a line, and while it ends with a literal's announcement, the literal and the rest. */
  public Response readResponse() throws IOException {
    List<byte[]> literals = new ArrayList<>();
    String line = readLine();
    StringBuilder text = new StringBuilder(line);
    Matcher literal = LITERAL_AT_END.matcher(line);
    while (literal.find()) {
      int size = Integer.parseInt(literal.group(1));
      byte[] bytes = in.readNBytes(size);
      if (bytes.length < size) {
        throw new EOFException("the server closed the connection inside a literal\n" + transcriptText());
      }
      transcript.add("S: (literal) " + printable(bytes));
      literals.add(bytes);
      line = readLine();
      text.append(line);
      literal = LITERAL_AT_END.matcher(line);
    }
    return new Response(text.toString(), literals);
  }

  /** Everything sent ({@code C:}) and received ({@code S:}) so far, control characters escaped. */
  public List<String> transcript() {
    return List.copyOf(transcript);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  /** An IMAP quoted string. */
  public static String quoted(String text) {
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  /**
   * Protocol text for people: CR, LF, TAB, NUL and other control characters escaped, and cut after
   * {@value #PRINTABLE_LENGTH} characters (saying how long it was).
   */
  public static String printable(String text) {
    if (text.length() > PRINTABLE_LENGTH) {
      return printable(text.substring(0, PRINTABLE_LENGTH)) + "… (" + text.length() + " characters in all)";
    }
    StringBuilder shown = new StringBuilder(text.length());
    text.codePoints().forEach(c -> {
      switch (c) {
        case '\r' -> shown.append("\\r");
        case '\n' -> shown.append("\\n");
        case '\t' -> shown.append("\\t");
        case 0 -> shown.append("\\0");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            shown.append(String.format("\\x%02X", c));
          } else {
            shown.appendCodePoint(c);
          }
        }
      }
    });
    return shown.toString();
  }

  /** As {@link #printable(String)}; bytes that are not UTF-8 are shown as {@code \xHH}. */
  public static String printable(byte[] bytes) {
    try {
      return printable(StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString());
    } catch (CharacterCodingException notUtf8) {
      StringBuilder shown = new StringBuilder();
      for (byte b : bytes) {
        shown.append(b >= 0 ? printable(String.valueOf((char) b)) : String.format("\\x%02X", b & 0xff));
      }
      return shown.toString();
    }
  }

  private String nextTag() {
    return "A" + (++tags);
  }

  private Result collect(String tag) throws IOException {
    List<Response> untagged = new ArrayList<>();
    for (Response response = readResponse(); ; response = readResponse()) {
      if (response.text().startsWith(tag + " ")) {
        return new Result(untagged, response);
      }
      untagged.add(response);
    }
  }

  private String transcriptText() {
    return "transcript:\n  " + String.join("\n  ", transcript);
  }

  private void use(Socket connected) throws IOException {
    socket = connected;
    socket.setSoTimeout((int) DEFAULT_TIMEOUT.toMillis());
    in = new BufferedInputStream(socket.getInputStream());
    out = socket.getOutputStream();
  }

  private static SSLSocket handshake(Socket plain, String host, int port, Path trustedCertificatePem) throws IOException {
    SSLSocket tls = (SSLSocket) trusting(trustedCertificatePem).createSocket(plain, host, port, true);
    SSLParameters parameters = tls.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    tls.setSSLParameters(parameters);
    tls.setSoTimeout((int) DEFAULT_TIMEOUT.toMillis());
    tls.startHandshake();
    return tls;
  }

  private static SSLSocketFactory trusting(Path certificatePem) throws IOException {
    try (InputStream pem = Files.newInputStream(certificatePem)) {
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      int index = 0;
      for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
        trusted.setCertificateEntry("trusted-" + index++, certificate);
      }
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot trust " + certificatePem, e);
    }
  }
}
