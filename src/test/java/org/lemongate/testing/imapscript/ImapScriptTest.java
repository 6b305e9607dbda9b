package org.lemongate.testing.imapscript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Parsing scripts, without a server. */
class ImapScriptTest {
  private static final ScriptRun RUN_AS_BOB = new ScriptRun(ImapScript.parse("empty.test", ""), null,
      new ScriptTarget.Account("bob.smith+1", "pw"), Duration.ofSeconds(1));

  private static Step only(String script) {
    ImapScript parsed = ImapScript.parse("t.test", script);
    assertThat(parsed.steps()).hasSize(1);
    return parsed.steps().get(0);
  }

  private static String sent(String script) {
    return new String(RUN_AS_BOB.bytes(((Step.Send) only(script)).bytes()), StandardCharsets.ISO_8859_1);
  }

  private static Pattern expected(String script) {
    return RUN_AS_BOB.pattern(((Step.Expect) only(script)).regex());
  }

  @Test
  void aClientLineGetsCrlfAndTheAccountFilledIn() {
    assertThat(sent("C: a1 LOGIN ${user} ${password}")).isEqualTo("a1 LOGIN bob.smith+1 pw\r\n");
    assertThat(sent("C: a1 STORE 1 +FLAGS (\\Seen)")).isEqualTo("a1 STORE 1 +FLAGS (\\Seen)\r\n");
    assertThat(sent("C:")).isEqualTo("\r\n");
    assertThat(sent("C: Grüße")).isEqualTo(new String("Grüße\r\n".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
  }

  @Test
  void aRawLineIsExactlyItsBytes() {
    assertThat(sent("C-RAW: a1 NOOP\\0\\xFF\\t\\\\\\r\\n")).isEqualTo("a1 NOOP\0\u00ff\t\\\r\n");
    assertThat(sent("C-RAW: no line end")).isEqualTo("no line end");
  }

  @Test
  void repeatMakesLongLines() {
    assertThat(sent("C: a1 NOOP ${repeat:3:ab}")).isEqualTo("a1 NOOP ababab\r\n");
    assertThat(sent("C-RAW: ${repeat:2:\\r\\n}")).isEqualTo("\r\n\r\n");
  }

  @Test
  void aServerLineIsAWholeLineRegexWithHelpersAndTheAccountQuoted() {
    assertThat(expected("S: \\* OK \\[UIDVALIDITY ${number}\\] .*").matcher("* OK [UIDVALIDITY 42] UIDs valid").matches()).isTrue();
    assertThat(expected("S: \\* 1 FETCH \\(INTERNALDATE ${date-time}\\)").matcher("* 1 FETCH (INTERNALDATE \" 1-Sep-2026 08:00:00 +0200\")").matches()).isTrue();
    assertThat(expected("S: \\* LIST \\(\\) ${quoted} INBOX").matcher("* LIST () \"/\" INBOX").matches()).isTrue();
    assertThat(expected("S: a1 OK ${user}").matcher("a1 OK bob.smith+1").matches()).isTrue();
    assertThat(expected("S: a1 OK ${user}").matcher("a1 OK bobXsmith+1").matches()).isFalse();
    assertThat(expected("S: a1 OK").matcher("a1 OK done").matches()).isFalse();
  }

  @Test
  void aNamedGroupOfAServerLineIsCapturedForTheLinesAfterIt() {
    ScriptRun run = new ScriptRun(ImapScript.parse("empty.test", ""), null,
        new ScriptTarget.Account("bob", "pw"), Duration.ofSeconds(1));
    ImapScript script = ImapScript.parse("t.test", String.join("\n",
        "S: \\* OK \\[UIDVALIDITY (?<validity>${number})\\] .*",
        "C: a1 SELECT INBOX (QRESYNC (${validity} 1))",
        "S: \\* OK \\[UIDVALIDITY ${validity}\\] .*"));
    String regex = ((Step.Expect) script.steps().get(0)).regex();
    Matcher match = run.pattern(regex).matcher("* OK [UIDVALIDITY 1234] UIDs valid");

    assertThat(match.matches()).isTrue();
    run.remember(regex, match);

    assertThat(new String(run.bytes(((Step.Send) script.steps().get(1)).bytes()), StandardCharsets.ISO_8859_1))
        .isEqualTo("a1 SELECT INBOX (QRESYNC (1234 1))\r\n");
    assertThat(run.pattern(((Step.Expect) script.steps().get(2)).regex()).matcher("* OK [UIDVALIDITY 1234] x").matches())
        .isTrue();
  }

  @Test
  void directivesBecomeSteps() {
    ImapScript script = ImapScript.parse("all.test", String.join("\n",
        "# a comment",
        "SETUP: plain.eml alternative.eml",
        "SETUP: digest.eml",
        "",
        "SESSION: 2",
        "UNORDERED {",
        "S: \\* 1 EXISTS",
        "# comments may stand inside",
        "S: \\* 1 RECENT",
        "}",
        "UNTIL: \\* 2 EXISTS",
        "WAIT: 50",
        "DELIVER: plain.eml",
        "LOG: hello",
        "CLOSED"));

    assertThat(script.setupMessages()).containsExactly("plain.eml", "alternative.eml", "digest.eml");
    assertThat(script.steps()).extracting(step -> step.getClass().getSimpleName())
        .containsExactly("SwitchSession", "ExpectUnordered", "Until", "Wait", "Deliver", "Log", "Closed");
    assertThat(script.steps()).extracting(Step::line).containsExactly(5, 6, 11, 12, 13, 14, 15);
    assertThat(((Step.ExpectUnordered) script.steps().get(1)).expectations()).hasSize(2);
  }

  @Test
  void mistakesAreReportedWithTheScriptAndLine() {
    assertMistake("C: a1 NOOP\nwhat now", "m.test line 2: not a script line");
    assertMistake("X: what", "m.test line 1: unknown directive X:");
    assertMistake("c: lower case", "m.test line 1: not a script line");
    assertMistake("FOO: bar", "m.test line 1: unknown directive FOO:");
    assertMistake("S: a1 OK (", "m.test line 1: not a valid regular expression");
    assertMistake("S: ${nonsense}", "m.test line 1: unknown ${nonsense} in a server line");
    assertMistake("C: ${nonsense}", "m.test line 1: unknown ${nonsense} in a client line");
    assertMistake("C: a1 ${later}\nS: (?<later>\\d+)", "m.test line 1: unknown ${later} in a client line");
    assertMistake("S: (?<number>\\d+)", "m.test line 1: the group name number is taken");
    assertMistake("UNORDERED {\nS: (?<a>\\d+)\nS: ${a}\n}", "m.test line 3: unknown ${a} in a server line");
    assertMistake("C-RAW: a\\q", "m.test line 1: unknown escape \\q");
    assertMistake("C-RAW: a\\x4", "m.test line 1: \\x needs two hex digits");
    assertMistake("C: a1 NOOP\nSETUP: plain.eml", "m.test line 2: SETUP: must come before the dialogue");
    assertMistake("\nUNORDERED {\nS: x", "m.test line 2: UNORDERED { is never closed");
    assertMistake("UNORDERED {\nC: a1 NOOP\n}", "m.test line 2: only S: lines may stand in an UNORDERED block");
    assertMistake("SESSION: 0", "m.test line 1: expected a positive number");
  }

  private static void assertMistake(String script, String message) {
    assertThatThrownBy(() -> ImapScript.parse("m.test", script))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message);
  }
}
