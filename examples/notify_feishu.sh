#!/bin/sh
# creatorctl [notify] command → a 飞书 (Feishu) group custom bot.
#
#   [notify]
#   command = ["/path/to/notify_feishu.sh", "YOUR-HOOK-TOKEN"]
#
# creatorctl writes the event as one JSON object on stdin; this posts to the bot
#   POST https://open.feishu.cn/open-apis/bot/v2/hook/TOKEN
#   {"msg_type": "text", "content": {"text": "[creatorctl] <text_zh>\n<text_en>"}}
# (Feishu custom bot: https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot —
# the body is at most 20 KB.) Feishu answers {"code": 0, ...} on success; another code (a
# keyword, IP or signature check that failed) makes this exit 1.
set -eu
token="${1:?usage: notify_feishu.sh HOOK_TOKEN}"
body=$(python3 -c '
import json, sys
e = json.load(sys.stdin)
text = "[creatorctl] " + e["text_zh"] + "\n" + e["text_en"]
print(json.dumps({"msg_type": "text", "content": {"text": text}}, ensure_ascii=False))
')
answer=$(curl -sS --fail --max-time 10 -H 'Content-Type: application/json' \
    --data-binary "$body" "https://open.feishu.cn/open-apis/bot/v2/hook/$token")
printf '%s' "$answer" | python3 -c '
import json, sys
a = json.load(sys.stdin)
if a.get("code", a.get("StatusCode", 0)) != 0:
    sys.exit("feishu bot: %s %s" % (a.get("code"), a.get("msg", "")))
'
