#!/bin/sh
# creatorctl [notify] command → an email through the local sendmail (postfix, msmtp, …).
#
#   [notify]
#   command = ["/path/to/notify_sendmail.sh", "me@example.com"]
#
# The subject is the event's one-line text; the body has both languages and the whole event.
set -eu
to="${1:?usage: notify_sendmail.sh ADDRESS}"
python3 -c '
import json, sys
from email.header import Header
e = json.load(sys.stdin)
to = sys.argv[1]
print("To: " + to)
print("Subject: " + Header("[creatorctl] " + e["text"], "utf-8").encode())
print("MIME-Version: 1.0")
print("Content-Type: text/plain; charset=utf-8")
print()
print(e["text_zh"])
print(e["text_en"])
print()
print(json.dumps(e, ensure_ascii=False, indent=2))
' "$to" | sendmail -i -- "$to"
