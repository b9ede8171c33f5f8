#!/bin/sh
# creatorctl [notify] command → a 企业微信 (WeCom) group robot.
#
#   [notify]
#   command = ["/path/to/notify_wecom.sh", "YOUR-ROBOT-KEY"]
#
# creatorctl writes the event as one JSON object on stdin; this posts to the robot
#   POST https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=KEY
#   {"msgtype": "text", "text": {"content": "[creatorctl] <text_zh>\n<text_en>"}}
# (WeCom robot API: https://developer.work.weixin.qq.com/document/path/91770 — text.content
# is at most 2048 bytes.) WeCom answers HTTP 200 even on errors; a non-zero "errcode" in its
# answer makes this exit 1, so `creatorctl notify test` shows the failure.
set -eu
key="${1:?usage: notify_wecom.sh ROBOT_KEY}"
body=$(python3 -c '
import json, sys
e = json.load(sys.stdin)
text = "[creatorctl] " + e["text_zh"] + "\n" + e["text_en"]
print(json.dumps({"msgtype": "text", "text": {"content": text.encode()[:2000].decode("utf-8", "ignore")}}, ensure_ascii=False))
')
answer=$(curl -sS --fail --max-time 10 -H 'Content-Type: application/json' \
    --data-binary "$body" "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=$key")
printf '%s' "$answer" | python3 -c '
import json, sys
a = json.load(sys.stdin)
if a.get("errcode", 0) != 0:
    sys.exit("wecom robot: %s %s" % (a.get("errcode"), a.get("errmsg", "")))
'
