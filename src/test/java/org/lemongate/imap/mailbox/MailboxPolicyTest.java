package org.lemongate.imap.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lemongate.imap.response.ResponseCode;

/**
 * CREATE, DELETE and RENAME decisions against one user's mailboxes. A verdict reads as its plan,
 * or as the tagged NO the handler would send.
 */
class MailboxPolicyTest {
  static final String LONG_NAME = "x".repeat(MailboxPolicy.MAX_NAME_LENGTH + 1);
  static final String DEEPEST = "d/".repeat(MailboxPolicy.MAX_DEPTH - 1) + "d";
  static final String TOO_DEEP = DEEPEST + "/d";
  /** One level short of the limit: "Work/2024/Q1" renamed to it fits, moved below it does not. */
  static final String DEEP_FOR_WORK = "d/".repeat(MailboxPolicy.MAX_DEPTH - 2) + "w";

  /** Work/Child/... below "Work"; "Lone" is no mailbox, only the level above "Lone/Child". */
  static MailboxPolicy policy() {
    Account account = Account.withMailboxes(
            "INBOX", "INBOX/Sub", "Work", "Work/2024", "Work/2024/Q1", "Work/Child", "Lone/Child")
        .mailbox("Sent", "\\Sent")
        .mailbox("Drafts", "\\Drafts")
        .mailbox("Trash", "\\Trash");
    return new MailboxPolicy(account.mailboxes);
  }

  @ParameterizedTest(name = "CREATE {0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Projects||CreatePlan[superiors=[], name=Projects, specialUse=null]",
        // RFC 9051 §6.3.4: a trailing delimiter only announces children
        "Projects/||CreatePlan[superiors=[], name=Projects, specialUse=null]",
        // ... and missing superiors are created first, outermost first
        "a/b/c||CreatePlan[superiors=[a, a/b], name=a/b/c, specialUse=null]",
        "Work/2025/Q1||CreatePlan[superiors=[Work/2025], name=Work/2025/Q1, specialUse=null]",
        "Lone||CreatePlan[superiors=[], name=Lone, specialUse=null]",
        "Lone/Other||CreatePlan[superiors=[Lone], name=Lone/Other, specialUse=null]",
        "INBOX/New||CreatePlan[superiors=[], name=INBOX/New, specialUse=null]",
        "work||CreatePlan[superiors=[], name=work, specialUse=null]",
        "Entwürfe/台北||"
            + "CreatePlan[superiors=[Entwürfe], name=Entwürfe/台北, specialUse=null]",
        // existing names, INBOX above all
        "INBOX||NO [ALREADYEXISTS] INBOX always exists",
        "INBOX/||NO [ALREADYEXISTS] INBOX always exists",
        "Work||NO [ALREADYEXISTS] Mailbox already exists",
        "Work/||NO [ALREADYEXISTS] Mailbox already exists",
        "Lone/Child||NO [ALREADYEXISTS] Mailbox already exists",
        // names that can never be mailboxes
        "''||NO [CANNOT] mailbox name is empty",
        "/||NO [CANNOT] mailbox name is empty",
        "/a||NO [CANNOT] mailbox name has an empty hierarchy level",
        "a//b||NO [CANNOT] mailbox name has an empty hierarchy level",
        "a//||NO [CANNOT] mailbox name ends with /",
        "a\tb||NO [CANNOT] mailbox name contains a control character",
        // RFC 6154 §3: CREATE ... (USE (...))
        "Mine|\\Archive|CreatePlan[superiors=[], name=Mine, specialUse=\\Archive]",
        "Mine|\\archive \\ARCHIVE|CreatePlan[superiors=[], name=Mine, specialUse=\\Archive]",
        "Mine|\\Junk|CreatePlan[superiors=[], name=Mine, specialUse=\\Junk]",
        "Mine|\\Sent|NO [USEATTR] \\Sent is already used by another mailbox",
        "Mine|\\All|NO [USEATTR] \\All is not supported",
        "Mine|\\Flagged|NO [USEATTR] \\Flagged is not supported",
        "Mine|\\Important|NO [USEATTR] \\Important is not supported",
        "Mine|\\Archive \\Junk|NO [USEATTR] A mailbox can have only one special use",
        "Work|\\Archive|NO [ALREADYEXISTS] Mailbox already exists"
      })
  void create(String name, String uses, String verdict) {
    List<String> specialUse = uses == null ? List.of() : List.of(uses.split(" "));
    assertThat(describe(policy().create(name, specialUse))).isEqualTo(verdict);
  }

  @Test
  void createStopsAtTheLimits() {
    String limit = "NO [LIMIT] Mailbox names are limited to 1000 characters and 32 levels";
    assertThat(describe(policy().create(LONG_NAME, List.of()))).isEqualTo(limit);
    assertThat(describe(policy().create(TOO_DEEP, List.of()))).isEqualTo(limit);
    assertThat(policy().create(DEEPEST, List.of()).plan().superiors())
        .hasSize(MailboxPolicy.MAX_DEPTH - 1);
  }

  @ParameterizedTest(name = "DELETE {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Work/2024/Q1|Work/2024/Q1",
        // RFC 9051 §6.3.5: allowed with mailboxes below, which stay
        "Work|Work",
        "Sent|Sent",
        "INBOX/Sub|INBOX/Sub",
        "INBOX|NO [CANNOT] INBOX cannot be deleted",
        "Nope|NO [NONEXISTENT] No such mailbox",
        "work|NO [NONEXISTENT] No such mailbox",
        "Lone|NO [NONEXISTENT] No such mailbox, only mailboxes below that name"
      })
  void delete(String name, String verdict) {
    assertThat(describe(policy().delete(name))).isEqualTo(verdict);
  }

  @ParameterizedTest(name = "RENAME {0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Work|Job|RenamePlan[superiors=[], from=Work, to=Job]",
        // RFC 9051 §6.3.6: missing superiors of the new name are created first
        "Work|Jobs/Old/Work|RenamePlan[superiors=[Jobs, Jobs/Old], from=Work, to=Jobs/Old/Work]",
        "Work/2024|Archive2024|RenamePlan[superiors=[], from=Work/2024, to=Archive2024]",
        "Work/2024|work/2024|RenamePlan[superiors=[work], from=Work/2024, to=work/2024]",
        "Sent|Sent Items|RenamePlan[superiors=[], from=Sent, to=Sent Items]",
        // renaming INBOX leaves what is below INBOX, so below INBOX is a fine new name
        "INBOX|Old|RenamePlan[superiors=[], from=INBOX, to=Old]",
        "INBOX|INBOX/Old|RenamePlan[superiors=[], from=INBOX, to=INBOX/Old]",
        "INBOX|INBOX/Sub|NO [ALREADYEXISTS] Mailbox already exists",
        "Nope|X|NO [NONEXISTENT] No such mailbox",
        "Lone|X|NO [NONEXISTENT] No such mailbox",
        "Work|Sent|NO [ALREADYEXISTS] Mailbox already exists",
        "Work|Work|NO [ALREADYEXISTS] Mailbox already exists",
        "Work|INBOX|NO [ALREADYEXISTS] Mailbox already exists",
        "Sent|INBOX|NO [ALREADYEXISTS] Mailbox already exists",
        // Work/Child would become Lone/Child, which exists
        "Work|Lone|NO [ALREADYEXISTS] A mailbox below would take an existing name",
        "Work/Child|Lone|RenamePlan[superiors=[], from=Work/Child, to=Lone]",
        "Work|Work/Sub|NO [CANNOT] A mailbox cannot move below itself",
        "Work/2024|Work/2024/Q1/x|NO [CANNOT] A mailbox cannot move below itself",
        "Work|Workshop|RenamePlan[superiors=[], from=Work, to=Workshop]",
        "Work|''|NO [CANNOT] mailbox name is empty",
        "Work|x/|NO [CANNOT] mailbox name ends with /",
        "Work|a//b|NO [CANNOT] mailbox name has an empty hierarchy level"
      })
  void rename(String from, String to, String verdict) {
    assertThat(describe(policy().rename(from, to))).isEqualTo(verdict);
  }

  @Test
  void renameStopsAtTheLimitsForTheMailboxesBelowToo() {
    String limit = "NO [LIMIT] Mailbox names are limited to 1000 characters and 32 levels";
    assertThat(describe(policy().rename("Work", LONG_NAME))).isEqualTo(limit);
    assertThat(describe(policy().rename("Work/2024/Q1", DEEP_FOR_WORK)))
        .startsWith("RenamePlan");
    assertThat(describe(policy().rename("Work", DEEP_FOR_WORK))).isEqualTo(limit);
  }

  @Test
  void aNewUserGetsEveryDefaultMailbox() {
    assertThat(new MailboxPolicy(List.of()).defaultMailboxesToEnsure())
        .containsExactly(
            entry("Sent", "\\Sent"), entry("Drafts", "\\Drafts"), entry("Trash", "\\Trash"),
            entry("Junk", "\\Junk"), entry("Archive", "\\Archive"));
  }

  @Test
  void defaultsAreEnsuredOnlyWhereNeitherTheNameNorTheUseIsTaken() {
    Account account = Account.withMailboxes("INBOX", "Junk", "Trash")
        .mailbox("Sent Items", "\\Sent")
        .mailbox("Entwürfe", "\\Drafts");

    assertThat(new MailboxPolicy(account.mailboxes).defaultMailboxesToEnsure())
        .containsExactly(entry("Archive", "\\Archive"));
    assertThat(policy().defaultMailboxesToEnsure())
        .containsExactly(entry("Junk", "\\Junk"), entry("Archive", "\\Archive"));
  }

  @Test
  void aVerdictIsAPlanOrARefusalNeverBoth() {
    assertThat(Verdict.allow("x").allowed()).isTrue();
    assertThat(Verdict.refuse(ResponseCode.CANNOT, "no").allowed()).isFalse();
    assertThatThrownBy(() -> new Verdict<>("x", ResponseCode.CANNOT, "no"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Verdict<>(null, ResponseCode.CANNOT, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static String describe(Verdict<?> verdict) {
    return verdict.allowed()
        ? verdict.plan().toString()
        : "NO [" + verdict.code() + "] " + verdict.text();
  }

  static Map.Entry<String, String> entry(String name, String use) {
    return Map.entry(name, use);
  }
}
