"""A second, non-Java IMAP client against the gateway: Python's imaplib.

Usage: imaplib_session.py HOST PORT USER PASSWORD
Prints one line per check; exits non-zero on the first failure.
"""
import email
import imaplib
import sys

host, port, user, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        sys.exit(1)


imap = imaplib.IMAP4(host, port)
check("IMAP4REV1" in imap.capabilities, "greeting lists IMAP4rev1")
typ, _ = imap.login(user, password)
check(typ == "OK", "login")
typ, folders = imap.list()
names = [line.decode().rsplit(' "/" ', 1)[1].strip('"') for line in folders]
check({"INBOX", "Sent", "Trash"} <= set(names), "special-use folders listed: %s" % names)
typ, data = imap.select("INBOX")
check(typ == "OK" and int(data[0]) == 3, "INBOX holds the 3 POP messages")
typ, data = imap.search(None, "SUBJECT", "invoice")
check(data[0].split() == [b"2"], "SEARCH SUBJECT finds message 2")
typ, data = imap.fetch("2", "(RFC822)")
message = email.message_from_bytes(data[0][1])
check(message["Subject"] == "Invoice 42" and "Please pay" in message.get_payload(), "FETCH RFC822 of message 2")
typ, data = imap.fetch("1:3", "(FLAGS)")
check(len(data) == 3 and b"\\Seen" in data[1] and b"\\Seen" not in data[0], "FETCH RFC822 set \\Seen on message 2 only")
typ, data = imap.store("3", "+FLAGS", "(\\Flagged)")
check(typ == "OK" and b"\\Flagged" in data[0], "STORE +FLAGS")
typ, data = imap.copy("1", "Trash")
check(typ == "OK", "COPY to Trash")
typ, data = imap.store("1", "+FLAGS.SILENT", "(\\Deleted)")
typ, data = imap.expunge()
check(typ == "OK" and data[0] == b"1", "EXPUNGE announces message 1")
typ, data = imap.status("Trash", "(MESSAGES)")
check(b"MESSAGES 1" in data[0], "STATUS Trash counts the copy")
imap.logout()
print("done")
