package org.lemongate.demo;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Random;

/**
 * Realistic sample messages, the same for the same seed: short and long plain text, HTML
 * newsletters with a text alternative, attachments, forwarded messages, non-ASCII headers. The
 * demo mailbox, the tests and the benchmarks all draw from it. Line ends are CRLF.
 */
public final class SampleMail {
  private static final String[] PEOPLE = {
      "Alice Martin <alice@example.org>", "Bob Dupont <bob@example.net>",
      "=?UTF-8?Q?J=C3=BCrgen_M=C3=BCller?= <juergen@example.de>", "Chen Wei <chen.wei@example.cn>",
      "\"O'Brien, Siobhan\" <siobhan@example.ie>", "Newsletter <news@shop.example.com>",
      "=?UTF-8?B?5bGx55Sw5aSq6YOO?= <yamada@example.jp>", "Team Calendar <calendar@example.org>"};
  private static final String[] SUBJECTS = {
      "Lunch on Friday?", "Re: quarterly report", "=?UTF-8?Q?Gr=C3=BC=C3=9Fe_aus_K=C3=B6ln?=",
      "Your order #48213 has shipped", "Fwd: photos from the trip", "Minutes of the board meeting",
      "=?UTF-8?B?5Lya6K2w44Gu44GU5qGI5YaF?=", "Invoice 2026-0117", "Weekend plans", "Re: Re: the build is red"};
  private static final String[] WORDS = ("the of and to in is that for it as with was on be at by this had not "
      + "are but from or have an they which one you were her all she there would their we him been has when "
      + "who will more no if out so said what up its about into than them can only other new some could "
      + "time these two may then do first any my now such like our over man me even most made after also "
      + "did many before must through back years where much your way well down should because each just "
      + "those people mister how too little state good very make world still own see men work long get "
      + "here between both life being under never day same another know while last might us great old "
      + "year off come since against go came right used take three").split(" ");
  private static final DateTimeFormatter RFC_5322 =
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

  private final Random random;
  private final ZonedDateTime start;
  private int count;

  public SampleMail(long seed) {
    this.random = new Random(seed);
    this.start = ZonedDateTime.of(2026, 9, 1, 8, 0, 0, 0, ZoneOffset.ofHours(2));
  }

  /** The next message: mostly small, some with attachments of tens to hundreds of kilobytes. */
  public byte[] next() {
    count++;
    int kind = random.nextInt(20);
    String message;
    if (kind < 9) {
      message = plain();
    } else if (kind < 14) {
      message = alternative();
    } else if (kind < 18) {
      message = withAttachment(2_000 + random.nextInt(random.nextInt(20) == 0 ? 400_000 : 40_000));
    } else if (kind < 19) {
      message = forward();
    } else {
      message = invitation();
    }
    return message.getBytes(StandardCharsets.UTF_8);
  }

  /** A message with an attachment of about {@code attachmentBytes} (e.g. a 5 MB one). */
  public byte[] withAttachmentOf(int attachmentBytes) {
    count++;
    return withAttachment(attachmentBytes).getBytes(StandardCharsets.UTF_8);
  }

  private String headers(String contentHeaders) {
    String from = pick(PEOPLE);
    String to = pick(PEOPLE);
    ZonedDateTime date = start.plusMinutes(37L * count + random.nextInt(30));
    return "Return-Path: <" + address(from) + ">\r\n"
        + "Received: from mx.example.org (mx.example.org [192.0.2.25])\r\n"
        + "\tby pop.example.org with ESMTPS id " + Long.toHexString(random.nextLong()) + "\r\n"
        + "\tfor <" + address(to) + ">; " + RFC_5322.format(date.plusSeconds(4)) + "\r\n"
        + "Date: " + RFC_5322.format(date) + "\r\n"
        + "From: " + from + "\r\n"
        + "To: " + to + "\r\n"
        + (random.nextInt(4) == 0 ? "Cc: " + pick(PEOPLE) + ", " + pick(PEOPLE) + "\r\n" : "")
        + "Subject: " + pick(SUBJECTS) + "\r\n"
        + "Message-ID: <" + count + "." + Long.toHexString(random.nextLong()) + "@example.org>\r\n"
        + "MIME-Version: 1.0\r\n"
        + contentHeaders
        + "\r\n";
  }

  private String plain() {
    return headers("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n")
        + paragraphs(1 + random.nextInt(random.nextInt(8) == 0 ? 40 : 5));
  }

  private String alternative() {
    String boundary = boundary();
    String text = paragraphs(2 + random.nextInt(6));
    return headers("Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n")
        + "--" + boundary + "\r\n"
        + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
        + text.replace("=", "=3D")
        + "--" + boundary + "\r\n"
        + "Content-Type: text/html; charset=UTF-8\r\n\r\n"
        + "<html><body><p>" + text.replace("\r\n\r\n", "</p>\r\n<p>") + "</p></body></html>\r\n"
        + "--" + boundary + "--\r\n";
  }

  private String withAttachment(int attachmentBytes) {
    String boundary = boundary();
    byte[] attachment = new byte[attachmentBytes];
    random.nextBytes(attachment);
    String name = "report-" + count + (random.nextBoolean() ? ".pdf" : ".zip");
    return headers("Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n")
        + "--" + boundary + "\r\n"
        + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
        + paragraphs(1 + random.nextInt(3))
        + "--" + boundary + "\r\n"
        + "Content-Type: application/" + (name.endsWith("pdf") ? "pdf" : "zip") + "; name=\"" + name + "\"\r\n"
        + "Content-Disposition: attachment; filename=\"" + name + "\"\r\n"
        + "Content-Transfer-Encoding: base64\r\n\r\n"
        + Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(attachment)
        + "\r\n--" + boundary + "--\r\n";
  }

  private String forward() {
    String boundary = boundary();
    String inner = new String(new SampleMail(random.nextLong()).plainMessage(), StandardCharsets.UTF_8);
    return headers("Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n")
        + "--" + boundary + "\r\n"
        + "Content-Type: text/plain; charset=UTF-8\r\n\r\nSee below.\r\n\r\n"
        + "--" + boundary + "\r\n"
        + "Content-Type: message/rfc822\r\n\r\n"
        + inner
        + "\r\n--" + boundary + "--\r\n";
  }

  private byte[] plainMessage() {
    count++;
    return plain().getBytes(StandardCharsets.UTF_8);
  }

  private String invitation() {
    String boundary = boundary();
    return headers("Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n")
        + "--" + boundary + "\r\n"
        + "Content-Type: text/plain; charset=UTF-8\r\n\r\nYou are invited to the planning meeting.\r\n"
        + "--" + boundary + "\r\n"
        + "Content-Type: text/calendar; charset=UTF-8; method=REQUEST\r\n\r\n"
        + "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n"
        + "UID:" + Long.toHexString(random.nextLong()) + "@example.org\r\n"
        + "DTSTART:20261015T090000Z\r\nDTEND:20261015T100000Z\r\nSUMMARY:Planning meeting\r\n"
        + "END:VEVENT\r\nEND:VCALENDAR\r\n"
        + "--" + boundary + "--\r\n";
  }

  private String paragraphs(int count) {
    StringBuilder text = new StringBuilder();
    for (int p = 0; p < count; p++) {
      int lineLength = 0;
      int words = 20 + random.nextInt(80);
      for (int w = 0; w < words; w++) {
        String word = WORDS[random.nextInt(WORDS.length)];
        if (lineLength + word.length() > 72) {
          text.append("\r\n");
          lineLength = 0;
        } else if (lineLength > 0) {
          text.append(' ');
          lineLength++;
        }
        text.append(word);
        lineLength += word.length();
      }
      text.append(random.nextInt(10) == 0 ? ".\r\n.hidden dot line\r\n\r\n" : ".\r\n\r\n");
    }
    return text.toString();
  }

  private String boundary() {
    return "=_" + Long.toHexString(random.nextLong()) + "_" + count;
  }

  private String pick(String[] choices) {
    return choices[random.nextInt(choices.length)];
  }

  private static String address(String nameAddr) {
    return nameAddr.substring(nameAddr.indexOf('<') + 1, nameAddr.indexOf('>'));
  }
}
