"""The inventory screens: hosts, groups, credentials, import and export, connection tests."""
