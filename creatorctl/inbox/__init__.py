"""互动管理: comments, direct messages and auto replies, fan groups, live previews and monitor.

No Textual here: functions take a `Store` and return frozen dataclasses.
"""
