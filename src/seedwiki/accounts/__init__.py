"""Accounts: sign up, log in and out, who made an edit (user or IP), contributions."""
