"""Staff accounts and logins: argon2 passwords, throttling, server-side sessions."""
