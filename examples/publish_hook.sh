#!/bin/sh
# An example creatorctl publish hook.
#
# creatorctl runs it (without a shell) when a scheduled post is due, with the arguments from
# `[publish] command` in config.toml, for example:
#
#   [publish]
#   command = ["/home/me/bin/publish_hook.sh", "{video}", "{title}", "{draft_id}"]
#   timeout = 300
#
# The whole draft arrives as one JSON object on stdin (draft_id, account, title, description,
# tags, video, cover, edit_params, scheduled_at, attempt).
#
# Exit 0 means published. Print one JSON line such as {"item_id": "7301234567890123456"} on
# stdout to record the platform's id for the new work. Any other exit code is a failed try: it
# is retried (3 tries in all) and the last lines of stderr are shown to the user.
#
# This example only copies the video into an outbox folder and keeps a log; replace the
# middle part with your real upload (an Open Platform client, a browser automation, …).
set -eu

video=$1
title=$2
draft_id=$3
outbox=${CREATORCTL_OUTBOX:-"$HOME/creatorctl-outbox"}

if [ ! -f "$video" ]; then
    echo "video file not found: $video" >&2
    exit 2
fi

mkdir -p "$outbox"
# The same draft can be retried: make the upload idempotent by keying it on the draft id.
target="$outbox/draft-$draft_id.mp4"
cp -- "$video" "$target"
cat > "$outbox/draft-$draft_id.json"   # the draft as creatorctl sent it
printf '%s\t%s\t%s\n' "$(date '+%F %T')" "$draft_id" "$title" >> "$outbox/published.log"

echo "copied $video to $target" >&2
printf '{"item_id": "local-%s"}\n' "$draft_id"
