package org.lemongate.pop.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.lemongate.testing.Await.await;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.ContextInternal;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.lemongate.auth.Credentials;
import org.lemongate.config.BackendConfig;
import org.lemongate.config.PopAuthMode;
import org.lemongate.config.TlsMode;
import org.lemongate.pop.client.Pop3Exception.Kind;
import org.lemongate.testing.ScriptedPop3Server;
import org.lemongate.testing.ScriptedPop3Server.Received;
import org.lemongate.testing.ScriptedReply;
import org.lemongate.testing.TestCertificate;

/**
 * {@link Pop3Client} against a {@link ScriptedPop3Server} that lies, stalls, floods and drops: every
 * misbehaviour must end in the right {@link Kind} within a bounded time, with nothing thrown on the
 * event loop.
 */
class Pop3ClientHostileTest {
  private static final Duration SHORT = Duration.ofMillis(300);
  private static final Credentials ALICE = new Credentials("alice", "s3cret");

  private static Vertx vertx;
  private static final List<Throwable> escaped = new CopyOnWriteArrayList<>();
  private final List<ScriptedPop3Server> servers = new ArrayList<>();
  private final List<Pop3Connector> connectors = new ArrayList<>();

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
    vertx.exceptionHandler(escaped::add);
  }

  @AfterAll
  static void stopVertx() {
    await(vertx.close());
  }

  @AfterEach
  void stopServersAndCheckNothingEscaped() {
    connectors.forEach(connector -> await(connector.close()));
    servers.forEach(ScriptedPop3Server::close);
    assertThat(escaped).as("exceptions thrown on the event loop").isEmpty();
  }

  @Test
  void aServerThatNeverGreetsTimesOut() {
    ScriptedPop3Server server = start(aliceWithMessages(1).onGreeting(ScriptedReply.silence()));

    Pop3Exception failure = failureOf(connector(withTimeout(server.backend(), SHORT)).connect(), Duration.ofSeconds(3));

    assertThat(failure.kind()).isEqualTo(Kind.TIMEOUT);
    assertThat(failure).hasMessageContaining("did not send its greeting: silent for 300 ms");
  }

  @Test
  void aGarbageGreetingIsAProtocolFailure() {
    ScriptedPop3Server server = start(aliceWithMessages(1).onGreeting(ScriptedReply.line("HELLO from nowhere")));

    Pop3Exception failure = failureOf(connector(server.backend()).connect());

    assertThat(failure.kind()).isEqualTo(Kind.PROTOCOL);
    assertThat(failure).hasMessageContaining("neither +OK nor -ERR: HELLO from nowhere");
  }

  @Test
  void aRefusingGreetingKeepsItsResponseCode() {
    ScriptedPop3Server server = start(aliceWithMessages(1).onGreeting(ScriptedReply.line("-ERR [SYS/TEMP] overloaded")));

    assertThat(failureOf(connector(server.backend()).connect()).kind()).isEqualTo(Kind.SYS_TEMP);
  }

  @Test
  void anUnansweredRetrTimesOutAndClosesTheSession() {
    ScriptedPop3Server server = start(aliceWithMessages(2).on("RETR", ScriptedReply.silence()));
    Pop3Client client = loggedIn(withTimeout(server.backend(), SHORT));

    Future<byte[]> first = client.retr(1, 0, 1000);
    Future<byte[]> second = client.retr(2, 0, 1000);

    Pop3Exception failure = failureOf(first, Duration.ofSeconds(3));
    assertThat(failure.kind()).isEqualTo(Kind.TIMEOUT);
    assertThat(failure).hasMessageContaining("did not answer RETR 1: silent for 300 ms");
    assertThat(failureOf(second).kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(client.state()).isEqualTo(Pop3Client.State.CLOSED);
    assertThat(failureOf(client.noop()).kind()).isEqualTo(Kind.UNAVAILABLE);
  }

  @Test
  void aConnectionDroppedMidRetrIsUnavailable() {
    ScriptedPop3Server server = start(aliceWithMessages(1).on("RETR", ScriptedReply.truncated(30)));
    Pop3Client client = loggedIn(server.backend());

    Pop3Exception failure = failureOf(client.retr(1, 0, 1000));

    assertThat(failure.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(failure).hasMessageContaining("closed the connection while RETR 1 was waiting for its answer");
  }

  @Test
  void aMultiLineAnswerWithoutItsTerminatorTimesOut() {
    ScriptedPop3Server server = start(aliceWithMessages(1).on("RETR", ScriptedReply.unterminated()));
    Pop3Client client = loggedIn(withTimeout(server.backend(), SHORT));

    assertThat(failureOf(client.retr(1, 0, 1000), Duration.ofSeconds(3)).kind()).isEqualTo(Kind.TIMEOUT);
  }

  /** The timeout bounds silence, not the whole answer: a big message on a slow link must get through. */
  @Test
  void anAnswerThatKeepsComingIsNotCutOffByTheTimeout() {
    String big = "Subject: slow\r\n\r\n" + "a line of a long message\r\n".repeat(2_000);
    ScriptedPop3Server server = start(ScriptedPop3Server.builder().user("alice", "s3cret").message("alice", big)
        .on("RETR", ScriptedReply.slowly(8, SHORT.dividedBy(2))));
    Pop3Client client = loggedIn(withTimeout(server.backend(), SHORT));

    long start = System.nanoTime();
    byte[] message = await(client.retr(1, 0, 1 << 20));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(SHORT.multipliedBy(3));
    assertThat(new String(message, StandardCharsets.US_ASCII)).isEqualTo(big);
  }

  @Test
  void aTenMegabyteLineFailsAtTheLineLimit() {
    ScriptedPop3Server server = start(aliceWithMessages(1).on("RETR", ScriptedReply.endlessLine(10 << 20)));
    Pop3Client client = loggedIn(server.backend());

    Pop3Exception failure = failureOf(client.retr(1, 0, Long.MAX_VALUE), Duration.ofSeconds(3));

    assertThat(failure.kind()).isEqualTo(Kind.PROTOCOL);
    assertThat(failure).hasMessageContaining("line longer than 1048576 bytes in answer to RETR 1");
    assertThat(client.state()).isEqualTo(Pop3Client.State.CLOSED);
  }

  @Test
  void anOverlongStatusLineIsAProtocolFailure() {
    ScriptedPop3Server server = start(aliceWithMessages(1).on("NOOP", ScriptedReply.line("+OK " + "y".repeat(100_000))));
    Pop3Client client = loggedIn(server.backend());

    Pop3Exception failure = failureOf(client.noop());

    assertThat(failure.kind()).isEqualTo(Kind.PROTOCOL);
    assertThat(failure).hasMessageContaining("status line longer than 4096 bytes in answer to NOOP");
  }

  @Test
  void aMessageOverTheCallersLimitIsTooBigAndEndsTheSession() {
    ScriptedPop3Server server = start(aliceWithMessages(2));
    Pop3Client client = loggedIn(server.backend());

    Pop3Exception failure = failureOf(client.retr(1, 0, 10));

    assertThat(failure.kind()).isEqualTo(Kind.TOO_BIG);
    assertThat(failure).hasMessageContaining("more than 10 bytes in answer to RETR 1");
    assertThat(failureOf(client.retr(2, 0, 1000)).kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(server.commands()).doesNotContain("RETR 2");
  }

  @Test
  void duplicateUidlsAreAProtocolFailureButTheSessionGoesOn() {
    ScriptedPop3Server server = start(ScriptedPop3Server.builder().user("alice", "s3cret")
        .message("alice", "same", "Subject: one\n\n1\n")
        .message("alice", "same", "Subject: two\n\n2\n"));
    Pop3Client client = loggedIn(server.backend());

    Pop3Exception failure = failureOf(client.uidl());

    assertThat(failure.kind()).isEqualTo(Kind.PROTOCOL);
    assertThat(failure).hasMessageContaining("gave messages 1 and 2 the same unique-id same");
    assertThat(await(client.stat()).messages()).isEqualTo(2);
  }

  @Test
  void listAndUidlThatDisagreeOnTheMessagesFailTheScan() {
    ScriptedPop3Server server = start(aliceWithMessages(2)
        .on("UIDL", ScriptedReply.raw("+OK\r\n1 a\r\n2 b\r\n3 c\r\n.\r\n")));
    Pop3Client client = loggedIn(server.backend());

    Pop3Exception failure = failureOf(client.scan());

    assertThat(failure.kind()).isEqualTo(Kind.PROTOCOL);
    assertThat(failure).hasMessageContaining("listed 2 messages in answer to LIST but 3 in answer to UIDL");
  }

  @Test
  void scanJoinsListAndUidl() {
    ScriptedPop3Server server = start(aliceWithMessages(2));
    Pop3Client client = loggedIn(server.backend());

    assertThat(await(client.scan())).extracting(MessageInfo::number, MessageInfo::uid)
        .containsExactly(tuple(1, "uid-1"), tuple(2, "uid-2"));
  }

  @Test
  void errToQuitMeansTheDeletionsWereNotCommitted() {
    ScriptedPop3Server server = start(aliceWithMessages(2).on("QUIT", ScriptedReply.line("-ERR mailbox on fire")));
    Pop3Client client = loggedIn(server.backend());
    await(client.dele(1));

    Pop3Exception failure = failureOf(client.quit());

    assertThat(failure.kind()).isEqualTo(Kind.NOT_COMMITTED);
    assertThat(failure).hasMessageContaining("deletions were NOT committed");
    assertThat(client.state()).isEqualTo(Pop3Client.State.CLOSED);
    awaitSessionEnd(server);
    assertThat(server.uids("alice")).containsExactly("uid-1", "uid-2");
  }

  @Test
  void aServerThatStaysConnectedAfterQuitIsLeftAfterAShortGrace() {
    ScriptedPop3Server server = start(aliceWithMessages(2).on("QUIT", exchange -> {
      exchange.write(exchange.normalAnswer());
      exchange.ignoreClient();
    }));
    Pop3Client client = loggedIn(withTimeout(server.backend(), SHORT));
    await(client.dele(1));

    long start = System.nanoTime();
    await(client.quit(), 3);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(SHORT);
    assertThat(client.state()).isEqualTo(Pop3Client.State.CLOSED);
    awaitSessionEnd(server);
    assertThat(server.uids("alice")).containsExactly("uid-2");
  }

  @Test
  void deleThenQuitRemovesOnlyThatMessage() {
    ScriptedPop3Server server = start(aliceWithMessages(3));
    Pop3Client client = loggedIn(server.backend());

    await(client.dele(2));
    await(client.quit());

    awaitSessionEnd(server);
    assertThat(server.uids("alice")).containsExactly("uid-1", "uid-3");
  }

  @Test
  void closeWithoutQuitAndRsetDeleteNothing() {
    ScriptedPop3Server server = start(aliceWithMessages(2));
    Pop3Client closing = loggedIn(server.backend());
    await(closing.dele(1));
    await(closing.close());
    awaitSessionEnd(server);
    Pop3Client resetting = loggedIn(server.backend());
    await(resetting.dele(1));
    await(resetting.rset());
    await(resetting.quit());

    awaitSessionEnd(server);
    assertThat(server.uids("alice")).containsExactly("uid-1", "uid-2");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "-ERR [AUTH] invalid password, AUTH",
      "-ERR invalid password, AUTH",
      "-ERR [IN-USE] maildrop locked, IN_USE",
      "-ERR [LOGIN-DELAY] wait 15 minutes, LOGIN_DELAY",
      "-ERR [SYS/TEMP] try later, SYS_TEMP",
      "-ERR [SYS/TEMP/DISK] try later, SYS_TEMP",
      "-ERR [SYS/PERM] account disabled, SYS_PERM"})
  void aRefusedPasswordFailsWithTheKindOfItsResponseCode(String answer, Kind kind) {
    ScriptedPop3Server server = start(aliceWithMessages(1).saslPlain(false).on("PASS", ScriptedReply.line(answer)));
    Pop3Client client = await(connector(server.backend()).connect());

    Pop3Exception failure = failureOf(client.login(ALICE));

    assertThat(failure.kind()).isEqualTo(kind);
    assertThat(failure.getMessage())
        .contains("POP3 server 127.0.0.1:" + server.port() + " refused the password for alice")
        .contains(answer.substring(5))
        .doesNotContain("s3cret");
  }

  @Test
  void aConnectionDroppedAtLoginIsUnavailableNotAWrongPassword() {
    ScriptedPop3Server server = start(aliceWithMessages(1).saslPlain(false).on("PASS", ScriptedReply.disconnect()));
    Pop3Client client = await(connector(server.backend()).connect());

    Pop3Exception failure = failureOf(client.login(ALICE));

    assertThat(failure.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(failure).hasMessageContaining("closed the connection while PASS was waiting for its answer");
  }

  @Test
  void aSecondSessionOfALockedMaildropIsInUse() {
    ScriptedPop3Server server = start(aliceWithMessages(1));
    loggedIn(server.backend());
    Pop3Client second = await(connector(server.backend()).connect());

    assertThat(failureOf(second.login(ALICE)).kind()).isEqualTo(Kind.IN_USE);
  }

  @Test
  void aPasswordEchoedByTheServerIsWithheldFromTheMessage() {
    ScriptedPop3Server server = start(aliceWithMessages(1).saslPlain(false)
        .on("PASS", ScriptedReply.line("-ERR password s3cret is wrong")));
    Pop3Client client = await(connector(server.backend()).connect());

    Pop3Exception failure = failureOf(client.login(ALICE));

    assertThat(failure.kind()).isEqualTo(Kind.AUTH);
    assertThat(failure.getMessage()).doesNotContain("s3cret").contains("withheld");
  }

  @Test
  void startTlsWithoutStlsOfferedSendsNothingAfterCapa() {
    ScriptedPop3Server server = start(aliceWithMessages(1).stls(false));

    Pop3Exception failure = failureOf(connector(server.backend(TlsMode.STARTTLS)).connect());

    assertThat(failure.kind()).isEqualTo(Kind.TLS);
    assertThat(failure).hasMessageContaining("does not offer STLS");
    awaitSessionEnd(server);
    assertThat(server.commands()).containsExactly("CAPA");
  }

  @Test
  void aServerThatAcceptsStlsButNeverHandshakesTimesOut() {
    ScriptedPop3Server server = start(aliceWithMessages(1).stls(true).on("STLS", exchange -> {
      exchange.write("+OK begin TLS\r\n".getBytes(StandardCharsets.US_ASCII));
      exchange.ignoreClient();
    }));

    Pop3Exception failure = failureOf(connector(withTimeout(server.backend(TlsMode.STARTTLS), SHORT)).connect(),
        Duration.ofSeconds(3));

    assertThat(failure.kind()).isEqualTo(Kind.TIMEOUT);
    assertThat(failure).hasMessageContaining("timed out in the TLS handshake after STLS");
  }

  @Test
  void aRefusedStlsIsATlsFailure() {
    ScriptedPop3Server server = start(aliceWithMessages(1).stls(true).on("STLS", ScriptedReply.line("-ERR not today")));

    Pop3Exception failure = failureOf(connector(server.backend(TlsMode.STARTTLS)).connect());

    assertThat(failure.kind()).isEqualTo(Kind.TLS);
    assertThat(server.commands()).containsExactly("CAPA", "STLS");
  }

  /**
   * The injected bytes form a complete, plausible CAPA answer offering no SASL. Had the client kept them,
   * it would read them as the answer to its CAPA over TLS and log in with USER/PASS.
   */
  @Test
  void bytesSentBeforeTheTlsHandshakeAreIgnored() {
    ScriptedPop3Server server = start(aliceWithMessages(1).stls(true)
        .on("STLS", ScriptedReply.startTlsAfter("+OK begin TLS\r\n+OK\r\nUSER\r\n.\r\n")));

    Pop3Client client = await(connector(server.backend(TlsMode.STARTTLS)).connect());
    await(client.login(ALICE));

    assertThat(client.sslSession()).isNotNull();
    assertThat(client.capabilities().saslMechanisms()).containsExactly("PLAIN");
    assertThat(server.received()).extracting(Received::line, Received::overTls).containsExactly(
        tuple("CAPA", false),
        tuple("STLS", false),
        tuple("CAPA", true),
        tuple(authPlainLine("alice", "s3cret"), true));
  }

  @Test
  void aCertificateForAnotherHostNameIsRejectedBeforeAnyCredential() {
    ScriptedPop3Server server = start(aliceWithMessages(1).stls(TestCertificate.forOtherHost()));
    BackendConfig backend = server.backend(TlsMode.STARTTLS);
    assertThat(backend.trust()).isEqualTo(TestCertificate.forOtherHost().certificatePem());

    Pop3Exception failure = failureOf(connector(backend).connect());

    assertThat(failure.kind()).isEqualTo(Kind.TLS);
    assertThat(failure).hasMessageContaining("failed in the TLS handshake after STLS");
    assertThat(server.commands()).containsExactly("CAPA", "STLS");
  }

  @Test
  void aClosedPortIsUnavailable() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closedPort = socket.getLocalPort();
    }
    BackendConfig backend = start(aliceWithMessages(0)).backend().withAddress("127.0.0.1", closedPort);

    Pop3Exception failure = failureOf(connector(backend).connect());

    assertThat(failure.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(failure).hasMessageContaining("POP3 server 127.0.0.1:" + closedPort + " cannot be reached");
  }

  @ParameterizedTest
  @ValueSource(strings = {"CR", "LF", "NUL"})
  void credentialsWithLineBreaksOrNulNeverReachTheServer(String character) {
    String bad = switch (character) {
      case "CR" -> "\r";
      case "LF" -> "\n";
      default -> "\0";
    };
    ScriptedPop3Server server = start(aliceWithMessages(1));

    for (Credentials credentials : List.of(new Credentials("alice" + bad + "DELE 1", "s3cret"),
        new Credentials("alice", "s3cret" + bad + "DELE 1"))) {
      Pop3Client client = await(connector(server.backend()).connect());
      Pop3Exception failure = failureOf(client.login(credentials));
      assertThat(failure.kind()).isEqualTo(Kind.AUTH);
      assertThat(failure).hasMessageContaining("contains CR, LF or NUL").hasMessageNotContaining("s3cret");
      await(client.close());
    }

    awaitSessionEnd(server);
    assertThat(server.commands()).containsOnly("CAPA");
  }

  @Test
  void aServerWithoutUidlGivesUidlUnsupported() {
    ScriptedPop3Server server = start(aliceWithMessages(1).uidl(false));
    Pop3Client client = loggedIn(server.backend());

    assertThat(failureOf(client.uidl()).kind()).isEqualTo(Kind.UIDL_UNSUPPORTED);
    assertThat(await(client.list())).containsExactly(new MessageSize(1, message(1).length()));
  }

  @Test
  void aServerWithoutCapaGetsUserAndPass() {
    ScriptedPop3Server server = start(aliceWithMessages(1).capa(false));

    Pop3Client client = loggedIn(server.backend());

    assertThat(client.capabilities()).isEqualTo(Capabilities.NONE);
    assertThat(server.commands()).containsExactly("CAPA", "USER alice", "PASS s3cret");
  }

  @Test
  void aLongAuthPlainResponseGoesAfterTheContinuation() {
    String longPassword = "p".repeat(300);
    ScriptedPop3Server server = start(ScriptedPop3Server.builder().user("alice", longPassword));
    Pop3Client client = await(connector(server.backend()).connect());

    await(client.login(new Credentials("alice", longPassword)));

    String encoded = authPlainLine("alice", longPassword).substring("AUTH PLAIN ".length());
    assertThat(server.commands()).containsExactly("CAPA", "AUTH PLAIN", encoded);
  }

  @Test
  void apopUsesTheGreetingTimestamp() {
    ScriptedPop3Server server = start(aliceWithMessages(1).apop(true));
    Pop3Client client = await(connector(withAuth(server.backend(), PopAuthMode.APOP)).connect());

    await(client.login(ALICE));

    assertThat(server.commands().get(1)).matches("APOP alice [0-9a-f]{32}");
  }

  @Test
  void apopWithoutATimestampFailsWithoutSendingAnything() {
    ScriptedPop3Server server = start(aliceWithMessages(1));
    Pop3Client client = await(connector(withAuth(server.backend(), PopAuthMode.APOP)).connect());

    Pop3Exception failure = failureOf(client.login(ALICE));

    assertThat(failure.kind()).isEqualTo(Kind.PROTOCOL);
    assertThat(failure).hasMessageContaining("no timestamp in its greeting");
    assertThat(server.commands()).containsExactly("CAPA");
  }

  @ParameterizedTest(name = "PIPELINING offered: {0}")
  @ValueSource(booleans = {true, false})
  void manyRetrsAtOnceCompleteInOrder(boolean pipelining) {
    // The first answer waits, so that with PIPELINING the next commands are there before it.
    ScriptedPop3Server server = start(aliceWithMessages(40).pipelining(pipelining)
        .on("RETR 1", ScriptedReply.delayed(Duration.ofMillis(300))));
    Pop3Client client = loggedIn(server.backend());

    List<Future<byte[]>> retrieved = IntStream.rangeClosed(1, 40).mapToObj(n -> client.retr(n, 0, 1000)).toList();

    for (int n = 1; n <= 40; n++) {
      assertThat(new String(await(retrieved.get(n - 1)), StandardCharsets.US_ASCII)).isEqualTo(message(n));
    }
    List<Received> retrs = server.received().stream().filter(command -> command.line().startsWith("RETR")).toList();
    assertThat(retrs).extracting(Received::line)
        .containsExactlyElementsOf(IntStream.rangeClosed(1, 40).mapToObj(n -> "RETR " + n).toList());
    if (pipelining) {
      assertThat(retrs).anyMatch(Received::sentBeforePreviousAnswer);
    } else {
      assertThat(server.received()).noneMatch(Received::sentBeforePreviousAnswer);
    }
  }

  @Test
  void tooManyQueuedCommandsAreRefusedLocally() {
    ScriptedPop3Server server = start(aliceWithMessages(1).pipelining(false).on("NOOP", slowly()));
    Pop3Connector connector = track(Pop3Connector.create(vertx, server.backend(), Pop3Limits.defaults().withMaxQueuedCommands(5)));
    Pop3Client client = await(connector.connect());
    await(client.login(ALICE));

    List<Future<Void>> noops = IntStream.range(0, 7).mapToObj(n -> client.noop()).toList();

    assertThat(org.lemongate.testing.Await.failureOf(noops.get(6))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already 5 commands queued");
    await(noops.get(5));
  }

  @Test
  void transactionCommandsBeforeLoginAreRefusedLocally() {
    ScriptedPop3Server server = start(aliceWithMessages(1));
    Pop3Client client = await(connector(server.backend()).connect());

    assertThat(org.lemongate.testing.Await.failureOf(client.retr(1, 0, 1000))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not allowed in state AUTHORIZATION");
    assertThat(server.commands()).containsExactly("CAPA");
  }

  // ---- helpers

  /**
   * Callbacks on one event loop run on several contexts (each event-bus handler gets a duplicate of
   * its own): commands asked from two of them must still go out in the order asked. They did not,
   * when a sync woken by another user's store write asked for its next RETRs (UIDs then broke the
   * POP order).
   */
  @Test
  void commandsAskedFromTwoContextsOfOneEventLoopGoOutInTheOrderAsked() {
    ScriptedPop3Server server = start(aliceWithMessages(2));
    ContextInternal home = (ContextInternal) vertx.getOrCreateContext();
    ContextInternal other = home.duplicate();
    Pop3Connector connector = connector(server.backend());
    Promise<Pop3Client> connected = Promise.promise();
    home.runOnContext(v -> connector.connect().compose(client -> client.login(ALICE).map(client))
        .onComplete(connected));
    Pop3Client client = await(connected.future());
    Promise<List<byte[]>> answers = Promise.promise();

    home.runOnContext(v -> {
      List<Future<byte[]>> retrs = new ArrayList<>();
      other.dispatch(() -> retrs.add(client.retr(1, 0, 1 << 20)));
      retrs.add(client.retr(2, 0, 1 << 20));
      Future.all(retrs).map(all -> retrs.stream().map(Future::result).toList()).onComplete(answers);
    });

    List<byte[]> bodies = await(answers.future());
    assertThat(server.commands()).containsSubsequence("RETR 1", "RETR 2").doesNotContainSubsequence("RETR 2", "RETR 1");
    assertThat(new String(bodies.get(0), StandardCharsets.US_ASCII)).isEqualTo(message(1));
    assertThat(new String(bodies.get(1), StandardCharsets.US_ASCII)).isEqualTo(message(2));
  }

  private static String message(int n) {
    return "Subject: message " + n + "\r\n\r\nbody " + n + "\r\n";
  }

  private static ScriptedPop3Server.Builder aliceWithMessages(int count) {
    ScriptedPop3Server.Builder builder = ScriptedPop3Server.builder().user("alice", "s3cret");
    for (int n = 1; n <= count; n++) {
      builder.message("alice", message(n));
    }
    return builder;
  }

  /** The normal answer, a little late: long enough for the test thread to queue more commands. */
  private static ScriptedReply slowly() {
    return exchange -> {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.write(exchange.normalAnswer());
    };
  }

  private static String authPlainLine(String user, String password) {
    byte[] plain = ("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8);
    return "AUTH PLAIN " + java.util.Base64.getEncoder().encodeToString(plain);
  }

  private ScriptedPop3Server start(ScriptedPop3Server.Builder builder) {
    ScriptedPop3Server server = builder.start();
    servers.add(server);
    return server;
  }

  private Pop3Connector connector(BackendConfig backend) {
    return track(Pop3Connector.create(vertx, backend));
  }

  private Pop3Connector track(Pop3Connector connector) {
    connectors.add(connector);
    return connector;
  }

  private Pop3Client loggedIn(BackendConfig backend) {
    Pop3Client client = await(connector(backend).connect());
    await(client.login(ALICE));
    return client;
  }

  private static Pop3Exception failureOf(Future<?> future) {
    return failureOf(future, Duration.ofSeconds(10));
  }

  /** The failure, which must be a Pop3Exception and must come within {@code bound}. */
  private static Pop3Exception failureOf(Future<?> future, Duration bound) {
    long start = System.nanoTime();
    Throwable failure = org.lemongate.testing.Await.failureOf(future);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(bound);
    assertThat(failure).isInstanceOf(Pop3Exception.class);
    return (Pop3Exception) failure;
  }

  private static void awaitSessionEnd(ScriptedPop3Server server) {
    server.awaitSessionsEnded();
  }

  private static BackendConfig withTimeout(BackendConfig backend, Duration timeout) {
    return new BackendConfig(backend.host(), backend.port(), backend.tls(), backend.verifyCertificates(),
        backend.trust(), backend.auth(), timeout, timeout, backend.maxMessageBytes());
  }

  private static BackendConfig withAuth(BackendConfig backend, PopAuthMode auth) {
    return backend.withAuth(auth);
  }
}
