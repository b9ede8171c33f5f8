"""The Inbox tab and its panes: comments, messages, fan groups, live, auto-reply rules."""
