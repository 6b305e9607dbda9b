package org.lemongate.pop.sync;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.lemongate.Gateway;
import org.lemongate.auth.Credentials;
import org.lemongate.config.ConfigLoader;
import org.lemongate.events.Addresses;
import org.lemongate.store.MailboxRecord;
import org.lemongate.store.MessageRecord;

/**
 * A gateway in a JVM of its own, driven line by line over stdin, for {@link CrashRecoveryTest} to
 * kill with SIGKILL. Arguments: store folder, POP port. Commands (each answered by one line,
 * "ok ..." or "fail ..."): {@code login USER PASSWORD}, {@code sync USER},
 * {@code expunge USER COUNT} (the first COUNT INBOX messages), {@code state USER}, {@code exit}.
 */
public final class CrashDriver {
  public static void main(String[] args) throws Exception {
    Gateway gateway = Gateway.start(new ConfigLoader(Map.of(
        "store.path", args[0],
        "pop.default.host", "127.0.0.1",
        "pop.default.port", args[1],
        "pop.default.tls", "none",
        "pop.min-poll-seconds", "1",
        "pop.poll-seconds", "3600",
        "pop.login-cache-seconds", "0"), Map.of()).load(null));
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    System.out.println("ready");
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String[] words = line.split(" ");
      if (words[0].equals("exit")) {
        break;
      }
      try {
        System.out.println("ok " + run(gateway, words).toCompletionStage().toCompletableFuture()
            .get(120, TimeUnit.SECONDS));
      } catch (Exception e) {
        System.out.println("fail " + e.getMessage().replace('\n', ' '));
      }
    }
    gateway.stop();
    System.exit(0);
  }

  private static Future<String> run(Gateway gateway, String[] words) {
    String user = words[1];
    DeliveryOptions patient = new DeliveryOptions().setSendTimeout(120_000);
    switch (words[0]) {
      case "login":
        return gateway.vertx().eventBus()
            .request(Addresses.POP_LOGIN, new PopLogin(new Credentials(user, words[2])), patient)
            .map(reply -> String.valueOf(reply.body()));
      case "sync":
        return gateway.vertx().eventBus().request(Addresses.POP_SYNC, user, patient)
            .map(reply -> String.valueOf(reply.body()));
      case "expunge":
        return gateway.store().snapshot(user, MailboxRecord.INBOX_ID).compose(snapshot -> {
          List<Long> uids = snapshot.messages().stream().limit(Integer.parseInt(words[2]))
              .map(MessageRecord::uid).toList();
          return gateway.store().expunge(user, MailboxRecord.INBOX_ID, uids)
              .map(expunged -> new JsonArray(snapshot.messages().stream().limit(uids.size())
                  .map(MessageRecord::uidl).toList()).encode());
        });
      case "state":
        return gateway.store().mailbox(user, MailboxRecord.INBOX).compose(inbox -> inbox == null
            ? Future.succeededFuture(new JsonObject().put("messages", new JsonObject()).put("pop", new JsonObject())
                .encode())
            : gateway.store().snapshot(user, MailboxRecord.INBOX_ID).compose(snapshot ->
            gateway.store().popRecords(user).map(pop -> {
              JsonObject messages = new JsonObject();
              snapshot.messages().forEach(m -> messages.put(Long.toString(m.uid()), m.uidl()));
              JsonObject states = new JsonObject();
              pop.forEach((uidl, record) -> states.put(uidl, record.state().name()));
              return new JsonObject().put("uidValidity", snapshot.mailbox().uidValidity())
                  .put("uidNext", snapshot.mailbox().uidNext()).put("messages", messages).put("pop", states)
                  .encode();
            })));
      default:
        return Future.failedFuture("unknown command " + words[0]);
    }
  }
}
