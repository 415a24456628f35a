"""Notifications the node sends itself (no Ansible): email over SMTP and Telegram messages."""
