package org.lemongate.pop.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lemongate.testing.Await.await;
import static org.lemongate.testing.Await.failureOf;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lemongate.config.PopConfig;
import org.lemongate.events.Addresses;
import org.lemongate.pop.client.Pop3Exception;
import org.lemongate.testing.ScriptedPop3Server;

/**
 * The login cache (pop.login-cache-seconds): which logins the gateway accepts without asking the
 * POP server. A login's reply says {@code remembered: true} when POP was not asked.
 */
class LoginCacheTest {
  private static final String ALICE = "alice";

  @TempDir
  Path storeDir;

  private ScriptedPop3Server server() {
    return ScriptedPop3Server.builder().user(ALICE, "pw").message(ALICE, "Subject: hi\n\nhello\n").start();
  }

  private SyncFixture gateway(ScriptedPop3Server server, Duration cache) {
    return new SyncFixture(storeDir, new PopConfig(Duration.ofHours(1), Duration.ofSeconds(1), cache, 64L << 20,
        server.backend(), Map.of()));
  }

  private static boolean remembered(JsonObject reply) {
    return reply.getBoolean("remembered");
  }

  private static void endLastSessionThenAwaitMemo(SyncFixture gateway) throws InterruptedException {
    gateway.closeSession(ALICE);
    assertThat(PopSyncDovecotTest.waitFor(() -> await(gateway.verticle.remembers(ALICE)), Duration.ofSeconds(10)))
        .as("a memo of the password after the last session ended").isTrue();
  }

  private static void assertLoginRefused(SyncFixture gateway, String password) {
    assertThat(SyncFixture.failureKind(failureOf(gateway.login(ALICE, password)))).isEqualTo(Pop3Exception.Kind.AUTH);
  }

  /** Whether a memo exists once a memo could have been made: hashing takes 40 ms to a few hundred. */
  private static boolean rememberedAfterAWhile(SyncFixture gateway) throws InterruptedException {
    Thread.sleep(1_000);
    return await(gateway.verticle.remembers(ALICE));
  }

  @Test
  void whileASessionIsOpenItsPasswordOpensMoreWithoutAskingPop() throws Exception {
    try (ScriptedPop3Server server = server(); SyncFixture gateway = gateway(server, Duration.ofMinutes(5))) {
      assertThat(remembered(await(gateway.login(ALICE, "pw")))).isFalse();
      assertThat(remembered(await(gateway.login(ALICE, "pw")))).isTrue();
      assertLoginRefused(gateway, "wrong");
    }
  }

  @Test
  void afterTheLastSessionEndsThePasswordIsRememberedAsAHash() throws Exception {
    try (ScriptedPop3Server server = server(); SyncFixture gateway = gateway(server, Duration.ofMinutes(5))) {
      await(gateway.login(ALICE, "pw"));
      await(gateway.login(ALICE, "pw"));
      gateway.closeSession(ALICE);
      assertThat(rememberedAfterAWhile(gateway)).as("no memo while a session is open").isFalse();
      endLastSessionThenAwaitMemo(gateway);

      assertLoginRefused(gateway, "wrong");
      assertThat(remembered(await(gateway.login(ALICE, "pw")))).isTrue();
    }
  }

  @Test
  void theMemoLastsTheCacheTimeFromWhenPopLastAcceptedThePassword() throws Exception {
    // Long enough for a login, the end of the session and the hashing on a busy machine.
    int cacheSeconds = 4;
    try (ScriptedPop3Server server = server();
         SyncFixture gateway = gateway(server, Duration.ofSeconds(cacheSeconds))) {
      await(gateway.login(ALICE, "pw"));
      endLastSessionThenAwaitMemo(gateway);
      Thread.sleep(cacheSeconds * 1_000 + 500);
      assertThat(await(gateway.verticle.remembers(ALICE))).as("memo after its time").isFalse();
      assertThat(remembered(await(gateway.login(ALICE, "pw")))).isFalse();

      // A session that outlives the cache time: each poll's POP login counts as the last acceptance.
      Thread.sleep(cacheSeconds * 1_000 + 500);
      gateway.sync(ALICE);
      endLastSessionThenAwaitMemo(gateway);
      assertThat(remembered(await(gateway.login(ALICE, "pw")))).isTrue();
    }
  }

  /** The session was opened by the memo; the next poll finds the password changed. */
  @Test
  void aPasswordThePopServerStoppedAcceptingIsNotRemembered() throws Exception {
    try (ScriptedPop3Server server = server(); SyncFixture gateway = gateway(server, Duration.ofMinutes(5))) {
      await(gateway.login(ALICE, "pw"));
      endLastSessionThenAwaitMemo(gateway);
      assertThat(remembered(await(gateway.login(ALICE, "pw")))).isTrue();
      server.changePassword(ALICE, "new-pw");
      assertThat(failureOf(gateway.vertx.eventBus().request(Addresses.POP_SYNC, ALICE)))
          .as("the poll with the old password").isNotNull();
      gateway.closeSession(ALICE);

      assertThat(rememberedAfterAWhile(gateway)).isFalse();
      assertLoginRefused(gateway, "pw");
      assertThat(remembered(await(gateway.login(ALICE, "new-pw")))).isFalse();
    }
  }

  /** The user changed the password and logged in with the new one: the old one's memo is dropped. */
  @Test
  void aNewPasswordReplacesTheRememberedOne() throws Exception {
    try (ScriptedPop3Server server = server(); SyncFixture gateway = gateway(server, Duration.ofMinutes(5))) {
      await(gateway.login(ALICE, "pw"));
      endLastSessionThenAwaitMemo(gateway);
      server.changePassword(ALICE, "new-pw");
      assertThat(remembered(await(gateway.login(ALICE, "new-pw")))).isFalse();
      assertLoginRefused(gateway, "pw");
      endLastSessionThenAwaitMemo(gateway);
      assertThat(remembered(await(gateway.login(ALICE, "new-pw")))).isTrue();
    }
  }

  @Test
  void withTheCacheOffEveryLoginAsksPop() throws Exception {
    try (ScriptedPop3Server server = server(); SyncFixture gateway = gateway(server, Duration.ZERO)) {
      assertThat(remembered(await(gateway.login(ALICE, "pw")))).isFalse();
      assertThat(remembered(await(gateway.login(ALICE, "pw")))).isFalse();
      gateway.closeSession(ALICE);
      gateway.closeSession(ALICE);
      assertThat(rememberedAfterAWhile(gateway)).isFalse();
      assertThat(remembered(await(gateway.login(ALICE, "pw")))).isFalse();
    }
  }
}
