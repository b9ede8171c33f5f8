"""Messages of the account profile and switcher."""

MESSAGES = {
    "account.title": ("账号信息", "Account profile"),
}
