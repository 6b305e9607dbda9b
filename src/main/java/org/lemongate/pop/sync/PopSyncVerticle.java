package org.lemongate.pop.sync;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.lemongate.auth.Credentials;
import org.lemongate.auth.LoginMemo;
import org.lemongate.config.BackendConfig;
import org.lemongate.config.PopConfig;
import org.lemongate.events.Addresses;
import org.lemongate.events.LocalCodec;
import org.lemongate.pop.client.Pop3Client;
import org.lemongate.pop.client.Pop3Connector;
import org.lemongate.pop.client.Pop3Exception;
import org.lemongate.store.MailStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns all POP traffic. Per user it runs one job at a time — a login, a sync — so the gateway
 * never holds two POP connections for one user (design invariant 8). It logs users in on behalf
 * of the IMAP front end, keeps their credentials in memory while they have sessions open, polls
 * their maildrop on a timer meanwhile, and syncs on request.
 *
 * <p>Deploy exactly one instance: its state (per-user queues and timers) lives on its event loop.
 */
public final class PopSyncVerticle extends AbstractVerticle {
  private static final Logger log = LoggerFactory.getLogger(PopSyncVerticle.class);

  private final MailStore store;
  private final PopConfig config;
  private final Map<BackendConfig, Pop3Connector> connectors = new HashMap<>();
  private final Map<String, UserState> users = new HashMap<>();
  private final DownloadBudget downloadBudget;

  /** What the verticle holds for one user. */
  private static final class UserState {
    final String user;
    /** The job running or last queued: the next job starts when it completes. */
    Future<?> tail = Future.succeededFuture();
    /** The sync waiting in the queue, which further requests join instead of queuing another. */
    Promise<SyncOutcome> queuedSync;
    /** The password, while the user has sessions open (needed to poll). */
    Credentials credentials;
    int sessions;
    long pollTimer = -1;
    /** When POP last accepted the held password (a login or a poll): the login cache counts from it. */
    long passwordAcceptedMillis;
    /** A slow hash of the password, kept for a while after the last session ended. */
    LoginMemo memo;
    /** Changes whenever a memo being made may no longer be wanted (a new password, a refused one). */
    int memoGeneration;
    /** The last listing dropped most of the mailbox; its expunges wait for confirmation. */
    boolean vanishHeldBack;
    /** Messages whose answers crossed the size limit although LIST put them under it. */
    final Map<String, OversizeAnswer.Part> oversizeAnswers = new HashMap<>();

    UserState(String user) {
      this.user = user;
    }

    boolean idle(long now) {
      return sessions == 0 && tail.isComplete() && (memo == null || memo.expired(now));
    }
  }

  public PopSyncVerticle(MailStore store, PopConfig config) {
    this.store = store;
    this.config = config;
    this.downloadBudget = new DownloadBudget(config.downloadMemoryBytes());
  }

  @Override
  public void start() {
    vertx.eventBus().registerDefaultCodec(PopLogin.class, new LocalCodec<>(PopLogin.class));
    vertx.eventBus().<PopLogin>consumer(Addresses.POP_LOGIN, this::login);
    vertx.eventBus().<String>consumer(Addresses.POP_SYNC, this::syncRequested);
    vertx.eventBus().<String>consumer(Addresses.SESSION_CLOSED, message -> sessionClosed(message.body()));
    vertx.setPeriodic(60_000, id -> forgetIdleUsers());
  }

  /** True when a login of the user could now be accepted by its memo (read on the verticle's event loop). */
  Future<Boolean> remembers(String user) {
    Promise<Boolean> remembers = Promise.promise();
    context.runOnContext(v -> {
      UserState state = users.get(user);
      remembers.complete(state != null && state.memo != null && !state.memo.expired(System.currentTimeMillis()));
    });
    return remembers.future();
  }

  /** Bytes of downloaded messages not yet stored, over all syncs (read on the verticle's event loop). */
  Future<Long> downloadMemoryHeld() {
    Promise<Long> held = Promise.promise();
    context.runOnContext(v -> held.complete(downloadBudget.takenBytes()));
    return held.future();
  }

  @Override
  public void stop() {
    vertx.eventBus().unregisterDefaultCodec(PopLogin.class);
    users.values().forEach(this::forgetCredentials);
  }

  // ------------------------------------------------------------------ login

  private void login(Message<PopLogin> message) {
    Credentials credentials = message.body().credentials();
    if (credentials.user().isEmpty() || credentials.hasLineBreakOrNul()) {
      message.fail(Pop3Exception.Kind.AUTH.ordinal(), "the user name or password holds a line break or NUL");
      return;
    }
    UserState state = users.computeIfAbsent(credentials.user(), UserState::new);
    if (matchesHeldPassword(state, credentials)) {
      accepted(state, credentials, message);
      return;
    }
    long now = System.currentTimeMillis();
    LoginMemo memo = state.memo;
    Future<Boolean> remembered = memo == null || memo.expired(now)
        ? Future.succeededFuture(false)
        : vertx.executeBlocking(() -> memo.matches(credentials, now), false);
    remembered.onComplete(match -> {
      if (match.succeeded() && match.result()) {
        accepted(state, credentials, message);
        return;
      }
      enqueue(state, () -> {
        if (matchesHeldPassword(state, credentials)) {
          // A login queued before this one succeeded with the same password meanwhile.
          accepted(state, credentials, message);
          return Future.succeededFuture();
        }
        return connectAndLogin(credentials).compose(client -> {
          sessionOpened(state, credentials);
          passwordAccepted(state);
          // The held password answers logins from now on; a memo of an older one must not.
          state.memo = null;
          state.memoGeneration++;
          message.reply(new JsonObject().put("remembered", false));
          return syncWith(state, client);
        }, failure -> {
          message.fail(kindOf(failure).ordinal(), failure.getMessage());
          return Future.failedFuture(failure);
        });
      });
    });
  }

  /**
   * True when the user has sessions open and this is the password they logged in with: the gateway
   * holds it anyway (to poll), so a phone reconnecting, or a thousand sessions logging in at once,
   * cost one comparison instead of a POP login each. Off, like the login memo, when the login
   * cache is off.
   */
  private boolean matchesHeldPassword(UserState state, Credentials credentials) {
    return !config.loginCacheTtl().isZero() && state.credentials != null
        && state.credentials.samePassword(credentials);
  }

  /** A login accepted without asking POP: the session opens and a sync is queued. */
  private void accepted(UserState state, Credentials credentials, Message<PopLogin> message) {
    sessionOpened(state, credentials);
    message.reply(new JsonObject().put("remembered", true));
    requestSync(state);
  }

  private static void passwordAccepted(UserState state) {
    state.passwordAcceptedMillis = System.currentTimeMillis();
  }

  /**
   * The last session ended: the password is forgotten, and if POP accepted it less than the login
   * cache's time ago, a slow hash of it ({@link LoginMemo}) answers logins until that time is up.
   * The hash is made now rather than at login: while sessions are open the held password answers
   * logins, and the sync a login starts does not share the cores with 40 ms of hashing.
   */
  private void sessionsEnded(UserState state) {
    Credentials held = state.credentials;
    state.credentials = null;
    forgetCredentials(state);
    long expires = state.passwordAcceptedMillis + config.loginCacheTtl().toMillis();
    if (held == null || config.loginCacheTtl().isZero() || expires <= System.currentTimeMillis()) {
      if (held != null) {
        held.wipe();
      }
      return;
    }
    int generation = state.memoGeneration;
    vertx.executeBlocking(() -> LoginMemo.of(held, expires), false).onComplete(made -> {
      held.wipe();
      if (made.succeeded() && state.memoGeneration == generation) {
        state.memo = made.result();
      }
    });
  }

  /**
   * Counts a session and keeps the password for polling. A password the gateway already holds is
   * kept as it is (the new copy wiped); a new one replaces it — the old one is not wiped, since a
   * job may still be logging in with it.
   */
  private void sessionOpened(UserState state, Credentials credentials) {
    state.sessions++;
    if (state.credentials != null && state.credentials != credentials
        && state.credentials.samePassword(credentials)) {
      credentials.wipe();
    } else {
      state.credentials = credentials;
    }
    if (state.pollTimer < 0) {
      state.pollTimer = vertx.setPeriodic(config.pollInterval().toMillis(), id -> requestSync(state));
    }
  }

  private void sessionClosed(String user) {
    UserState state = users.get(user);
    if (state == null || state.sessions == 0) {
      return;
    }
    state.sessions--;
    if (state.sessions == 0) {
      sessionsEnded(state);
    }
  }

  /** Stops polling and drops the held password, which is wiped unless it was taken out before. */
  private void forgetCredentials(UserState state) {
    if (state.pollTimer >= 0) {
      vertx.cancelTimer(state.pollTimer);
      state.pollTimer = -1;
    }
    if (state.credentials != null) {
      state.credentials.wipe();
      state.credentials = null;
    }
  }

  private void forgetIdleUsers() {
    long now = System.currentTimeMillis();
    users.values().removeIf(state -> state.idle(now));
  }

  // ------------------------------------------------------------------ sync

  private void syncRequested(Message<String> message) {
    UserState state = users.get(message.body());
    if (state == null || state.credentials == null) {
      message.fail(Pop3Exception.Kind.AUTH.ordinal(), "no session of " + message.body()
          + " is open, so the gateway has no credentials to log in to POP with");
      return;
    }
    requestSync(state).onComplete(done -> {
      if (done.succeeded()) {
        message.reply(done.result().toJson());
      } else {
        message.fail(kindOf(done.cause()).ordinal(), done.cause().getMessage());
      }
    });
  }

  /** Queues a sync of the user, or joins the one already waiting in the queue. */
  private Future<SyncOutcome> requestSync(UserState state) {
    if (state.queuedSync != null) {
      return state.queuedSync.future();
    }
    Promise<SyncOutcome> queued = Promise.promise();
    state.queuedSync = queued;
    enqueue(state, () -> {
      state.queuedSync = null;
      Credentials credentials = state.credentials;
      Future<SyncOutcome> sync = credentials == null
          ? Future.failedFuture(new IllegalStateException("the last session of " + state.user + " has ended"))
          : connectAndLogin(credentials).compose(client -> {
            if (state.credentials == credentials) {
              passwordAccepted(state);
            }
            return syncWith(state, client);
          });
      return sync.onComplete(queued);
    });
    return queued.future();
  }

  /** Runs a sync over a logged-in client, then closes it, and records the outcome. */
  private Future<SyncOutcome> syncWith(UserState state, Pop3Client client) {
    BackendConfig backend = config.backendFor(state.user);
    return new SyncRun(store, client, state.user, backend.maxMessageBytes(), state.vanishHeldBack,
        state.oversizeAnswers, downloadBudget).run()
        .eventually(client::close)
        .onSuccess(outcome -> {
          state.vanishHeldBack = outcome.vanishHeldBack();
          if (outcome.downloaded() + outcome.tooBig() + outcome.vanished() + outcome.deleted() > 0) {
            log.info("synced {}: {} new, {} too large, {} gone, {} deleted on POP", state.user,
                outcome.downloaded(), outcome.tooBig(), outcome.vanished(), outcome.deleted());
          }
          store.recordSync(state.user, System.currentTimeMillis(), "ok");
        })
        .onFailure(failure -> {
          log.warn("sync of {} with {} failed: {}", state.user, backend, failure.getMessage());
          store.recordSync(state.user, System.currentTimeMillis(), String.valueOf(failure.getMessage()));
          if (failure instanceof OversizeAnswer oversize
              && state.oversizeAnswers.put(oversize.uidl(), oversize.part()) != oversize.part()) {
            // Learnt something: the next sync shows a notice for that message, and goes past it.
            requestSync(state);
          }
        });
  }

  private Future<Pop3Client> connectAndLogin(Credentials credentials) {
    BackendConfig backend = config.backendFor(credentials.user());
    Pop3Connector connector = connectors.computeIfAbsent(backend, b -> Pop3Connector.create(vertx, b));
    return connector.connect().compose(client -> client.login(credentials)
        .map(client)
        .onFailure(failure -> client.close())
        .recover(failure -> {
          if (kindOf(failure) == Pop3Exception.Kind.AUTH) {
            UserState state = users.get(credentials.user());
            if (state != null && state.credentials == credentials) {
              // The password changed on the POP server: stop polling with the old one.
              forgetCredentials(state);
              state.memo = null;
              state.memoGeneration++;
            }
          }
          return Future.failedFuture(failure);
        }));
  }

  /** Runs {@code job} after the user's previous job has finished, whatever its outcome. */
  private void enqueue(UserState state, Supplier<Future<?>> job) {
    Promise<Void> finished = Promise.promise();
    Future<?> previous = state.tail;
    state.tail = finished.future();
    previous.onComplete(ignored -> {
      Future<?> running;
      try {
        running = job.get();
      } catch (RuntimeException e) {
        running = Future.failedFuture(e);
      }
      running.onComplete(done -> finished.complete());
    });
  }

  private static Pop3Exception.Kind kindOf(Throwable failure) {
    return failure instanceof Pop3Exception e ? e.kind() : Pop3Exception.Kind.UNAVAILABLE;
  }
}
